/** The one audio format on the wire from browser to ws server: PCM16LE mono at 16 kHz. */
export const SAMPLE_RATE = 16_000;
export const BYTES_PER_SECOND = SAMPLE_RATE * 2;
/** 160 ms chunks: 2,560 samples, 5,120 bytes. */
export const CHUNK_MS = 160;
export const CHUNK_BYTES = (SAMPLE_RATE * CHUNK_MS * 2) / 1000;

/** Limits every binary frame must meet (spec §5.2 "audio-validator"). */
export const FRAME_LIMITS = {
  minBytes: 100,
  maxBytes: 64 * 1024,
} as const;

export const audioSeconds = (bytes: number) => bytes / BYTES_PER_SECOND;
