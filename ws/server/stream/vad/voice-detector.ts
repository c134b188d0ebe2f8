/**
 * Judges whether a chunk of one participant's audio holds speech. One detector per stream: each keeps
 * its own state across chunks (both engines look at more than the chunk in front of them).
 */
export interface VoiceDetector {
  /** The share (0–1) of the chunk's frames that hold speech; frames cut at the chunk's end carry over. */
  voicedShare(pcm: Buffer): number | Promise<number>;
  /** A pause or a stream end: what comes next is unrelated to what came before. */
  reset(): void;
  /** Frees what the detector holds; it is unusable after. */
  dispose(): void;
}

/** Which engine judges speech: see docs/benchmarks.md "Speech gate: which VAD" for why the default. */
export type VadEngine = "webrtc" | "silero";

/** Splits `carry + pcm` into whole frames of `frameBytes`; the rest is the next call's carry. */
export function framesOf(carry: Buffer, pcm: Buffer, frameBytes: number) {
  const data = carry.length ? Buffer.concat([carry, pcm]) : pcm;
  const frames: Buffer[] = [];
  let off = 0;
  for (; off + frameBytes <= data.length; off += frameBytes)
    frames.push(data.subarray(off, off + frameBytes));
  return { frames, carry: Buffer.from(data.subarray(off)) };
}
