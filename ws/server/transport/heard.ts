import { audioSeconds } from "@/modules/core/captions/domain/audio";

/**
 * Tells a client how much of its audio arrived (`heard`), at most once per `everyMs` and within
 * `everyMs` of any audio: the last audio before a pause is reported too, and a stalled network
 * shows on the client as no news while the audio it sent keeps growing older.
 */
export class HeardClock {
  private bytes = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly everyMs: number,
    private readonly tell: (audioMs: number) => void,
  ) {}

  receive(bytes: number): void {
    this.bytes += bytes;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tell(Math.round(audioSeconds(this.bytes) * 1000));
    }, this.everyMs);
    this.timer.unref();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
