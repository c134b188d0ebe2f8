import type { VoiceDetector } from "./voice-detector";

/**
 * The cheap detector first, the accurate one only around what the first calls speech: a quiet room
 * costs what WebRTC's VAD costs, and only sound it would pass is judged by Silero. Silero is a
 * recurrent network, so it also hears the chunks right after such sound (its state must see the
 * speech end, or it carries "speaking" into the next noise); after `idleChunks` quiet chunks in a
 * row it stops and forgets, and starts fresh on the next sound.
 */
export class CascadeVad implements VoiceDetector {
  private quietRun = Infinity;

  constructor(
    private readonly first: VoiceDetector,
    private readonly second: VoiceDetector,
    /** Below this share from `first` the chunk is not speech, whatever `second` says. */
    private readonly minShare: number,
    private readonly idleChunks = 6,
  ) {}

  async voicedShare(pcm: Buffer): Promise<number> {
    const share = await this.first.voicedShare(pcm);
    if (share >= this.minShare) {
      this.quietRun = 0;
      return this.second.voicedShare(pcm);
    }
    this.quietRun++;
    if (this.quietRun <= this.idleChunks) await this.second.voicedShare(pcm);
    else if (this.quietRun === this.idleChunks + 1) this.second.reset();
    return share;
  }

  reset() {
    this.quietRun = Infinity;
    this.first.reset();
    this.second.reset();
  }

  dispose() {
    this.first.dispose();
    this.second.dispose();
  }
}
