/**
 * The pipe protocol between the ws server and ws/stt/pocketsphinx_worker.py (which documents it
 * too): every message is a 9-byte header — stream id (u32 BE), type (u8), payload length (u32 BE) —
 * then the payload. Stream 0 is the worker itself.
 */
export const MSG = {
  // ws server -> worker
  OPEN: 1,
  AUDIO: 2,
  CLOSE: 3,
  /** One byte: 0 turns the stream's partials off (the first thing a lagging stream sheds), 1 on. */
  PARTIALS: 4,
  /** u32 BE ms of audio dropped here: the worker ends the utterance in flight and counts the gap. */
  GAP: 5,
  // worker -> ws server
  READY: 16,
  TRANSCRIPT: 17,
  CLOSED: 18,
  ERROR: 19,
  /** Every decoder is lent: this stream's utterance waits for one (its start is not transcribed). */
  BUSY: 20,
  /** u32 BE: the stream's audio bytes processed so far (mod 2^32), after each AUDIO message. */
  PROGRESS: 21,
} as const;

export const HEADER_BYTES = 9;
/** Far above any real message (64 KB audio frames, small JSON): a larger length means a corrupt pipe. */
export const MAX_PAYLOAD_BYTES = 1 << 20;

export type Frame = { streamId: number; type: number; payload: Buffer };

export function encodeFrame(streamId: number, type: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32BE(streamId, 0);
  header.writeUInt8(type, 4);
  header.writeUInt32BE(payload.length, 5);
  return payload.length === 0 ? header : Buffer.concat([header, payload]);
}

/** Reassembles frames from pipe chunks, which split and join messages arbitrarily. */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const frames: Frame[] = [];
    let offset = 0;
    while (this.buf.length - offset >= HEADER_BYTES) {
      const length = this.buf.readUInt32BE(offset + 5);
      if (length > MAX_PAYLOAD_BYTES) throw new Error(`worker frame of ${length} bytes: the pipe is corrupt`);
      if (this.buf.length - offset < HEADER_BYTES + length) break;
      const start = offset + HEADER_BYTES;
      frames.push({
        streamId: this.buf.readUInt32BE(offset),
        type: this.buf.readUInt8(offset + 4),
        // copied: the next push may replace the buffer this points into
        payload: Buffer.from(this.buf.subarray(start, start + length)),
      });
      offset = start + length;
    }
    this.buf = offset === this.buf.length ? Buffer.alloc(0) : this.buf.subarray(offset);
    return frames;
  }
}
