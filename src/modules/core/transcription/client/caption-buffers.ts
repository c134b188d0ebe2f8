import type { ClientMessage, FinalSegment, ServerMessage } from "../domain/protocol";

/*
 * What the caption client holds across a lost socket and hands over on the next `ready`: the audio
 * captured meanwhile, and the finals the server has not yet acknowledged as stored.
 */

const RESEND_BATCH = 500;

/** Audio captured while not connected, bounded: when full, the oldest chunk is dropped first. */
export class AudioBacklog {
  private readonly chunks: ArrayBuffer[] = [];
  /** When each chunk was captured, in step with `chunks` (the lag meter starts from it). */
  private readonly capturedAt: number[] = [];
  /** Chunks dropped because the backlog was full. */
  dropped = 0;

  constructor(private readonly max: number) {}

  push(chunk: ArrayBuffer, now: number): void {
    this.chunks.push(chunk);
    this.capturedAt.push(now);
    while (this.chunks.length > this.max) {
      this.chunks.shift();
      this.capturedAt.shift();
      this.dropped += 1;
    }
  }

  clear(): void {
    this.chunks.length = 0;
    this.capturedAt.length = 0;
  }

  /** Empties the backlog, handing over the chunks in order and when each was captured. */
  take(): { chunks: ArrayBuffer[]; capturedAt: number[] } {
    return { chunks: this.chunks.splice(0), capturedAt: this.capturedAt.splice(0) };
  }
}

/** Signed finals kept until the server acknowledges them, so a new socket can re-send them. */
export class UnackedFinals {
  private readonly byId = new Map<string, FinalSegment>();

  /** Only a signed final can be re-sent: the server refuses finals it cannot verify as its own. */
  keep(msg: Extract<ServerMessage, { type: "transcript" }>): void {
    if (!msg.isFinal || !msg.sig) return;
    this.byId.set(msg.utteranceId, {
      utteranceId: msg.utteranceId,
      text: msg.text,
      startMs: msg.startMs,
      endMs: msg.endMs,
      language: msg.language,
      confidence: msg.confidence,
      sig: msg.sig,
    });
  }

  ack(utteranceIds: string[]): void {
    for (const id of utteranceIds) this.byId.delete(id);
  }

  list(): FinalSegment[] {
    return [...this.byId.values()];
  }

  /** `resend` messages for every kept final, in batches small enough for one server frame. */
  resendMessages(): ClientMessage[] {
    const finals = this.list();
    const messages: ClientMessage[] = [];
    for (let i = 0; i < finals.length; i += RESEND_BATCH) {
      messages.push({ type: "resend", finals: finals.slice(i, i + RESEND_BATCH) });
    }
    return messages;
  }
}
