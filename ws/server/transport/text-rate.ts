import { TokenBucket } from "@/modules/core/captions/domain/token-bucket";
import { SETTINGS } from "../settings";

/**
 * The text-message rate of one socket (issue 14 defect 5). Each message is charged before it is
 * parsed, by size (one token per started `bytesPerToken`), so a flood of big `resend` frames is
 * cut before it costs JSON parsing and signature checks. Re-sent finals have their own bucket,
 * charged per final as sent (duplicates included): what does not fit is refused and the client
 * keeps it for the next reconnect.
 */
export class TextRate {
  private readonly messages: TokenBucket;
  private readonly finals: TokenBucket;

  constructor(private readonly limits = SETTINGS.textRate) {
    this.messages = new TokenBucket(limits.messageTokens, limits.messageTokensPerSecond);
    this.finals = new TokenBucket(limits.resendFinals, limits.resendFinalsPerSecond);
  }

  /** Whether a text frame of `bytes` arriving at `now` (ms) may be parsed at all. */
  admit(bytes: number, now: number): boolean {
    return this.messages.take(1 + Math.floor(bytes / this.limits.bytesPerToken), now);
  }

  /** How many of `count` re-sent finals may be taken in now. */
  resendAllowance(count: number, now: number): number {
    return this.finals.takeUpTo(count, now);
  }
}
