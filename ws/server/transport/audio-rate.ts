import type { ServerMessage } from "@/modules/core/captions/domain/protocol";
import { TokenBucket } from "@/modules/core/captions/domain/token-bucket";
import { SETTINGS } from "../settings";

/** What the client is told when some of its audio was dropped (it shows the message). */
export const AUDIO_DROPPED_WARNING: ServerMessage = {
  type: "warning",
  code: "audio_dropped",
  message: "Audio arrived faster than real time; some of it was not transcribed.",
};

export type AudioRateHooks = {
  /** Audio over the rate: not relayed, not metered, not billed; counted here. */
  dropped(bytes: number): void;
  /** Tell the client some audio was dropped (at most once per `warnEveryMs`). */
  warn(): void;
  /** Over the rate for long enough that it is no client catching up: close (retryable). */
  abuse(): void;
};

/**
 * The audio rate of one stream, in bytes rather than frames (issue 14 defect 3, issue 15 part 1):
 * a token bucket sustains 1.5× real time and holds a burst big enough for a browser that stalled
 * for seconds and flushes its queued chunks at once. What does not fit is dropped and counted,
 * never billed; a second bucket measures how much has been dropped lately, and only once that
 * runs out (seconds of audio dropped faster than it is forgiven) is the socket closed.
 */
export class AudioRate {
  private readonly allowance: TokenBucket;
  private readonly tolerance: TokenBucket;
  private lastWarnAt = -Infinity;

  constructor(
    private readonly hooks: AudioRateHooks,
    private readonly limits = SETTINGS.audioRate,
  ) {
    this.allowance = new TokenBucket(limits.burstBytes, limits.bytesPerSecond);
    this.tolerance = new TokenBucket(limits.abuseDroppedBytes, limits.forgivenBytesPerSecond);
  }

  /** Whether a frame of `bytes` arriving at `now` (ms) goes on; if not, the hooks say what happened. */
  admit(bytes: number, now: number): boolean {
    if (this.allowance.take(bytes, now)) return true;
    this.hooks.dropped(bytes);
    if (!this.tolerance.take(bytes, now)) {
      this.hooks.abuse();
      return false;
    }
    if (now - this.lastWarnAt >= this.limits.warnEveryMs) {
      this.lastWarnAt = now;
      this.hooks.warn();
    }
    return false;
  }
}
