import { audioSeconds } from "@/modules/core/captions/domain/audio";

type Mark = { endMs: number; at: number };

/**
 * When each stretch of a stream's relayed audio arrived, so a final's lag can be measured on the
 * server: from the arrival of the audio at the final's end to the final going out. Bounded: the
 * oldest marks go first (a final never ends minutes before the live edge; if one did, its lag is
 * measured from the oldest mark kept, which understates nothing that matters).
 */
export class Arrivals {
  private readonly marks: Mark[] = [];
  private relayedMs = 0;

  constructor(private readonly maxMarks = 2_000) {}

  /** `bytes` of audio relayed at `now` (a wall or monotonic clock, the same as `lagOf`'s). */
  push(bytes: number, now: number): void {
    this.relayedMs += audioSeconds(bytes) * 1000;
    this.marks.push({ endMs: this.relayedMs, at: now });
    if (this.marks.length > this.maxMarks) this.marks.splice(0, this.marks.length - this.maxMarks);
  }

  /** Ms from the arrival of the audio at stream time `endMs` to `now`; null before any audio. */
  lagOf(endMs: number, now: number): number | null {
    if (!this.marks.length) return null;
    const mark = this.marks.find((m) => m.endMs >= endMs) ?? this.marks[this.marks.length - 1]!;
    return Math.max(0, now - mark.at);
  }
}
