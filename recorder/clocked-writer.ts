import type { AudioMix } from "./audio-mix";
import { Canvas, gridLayout } from "./canvas";
import type { Pipeline, PipelineSettings } from "./pipeline";
import type { RoomFeed } from "./room-feed";

/**
 * Drives the encoder from one monotonic clock: every tick writes the audio samples and video frames
 * that have come due since the recording started, so after T seconds exactly T seconds of media
 * have been written, whatever arrived (a late or stalled event loop catches up on the next tick by
 * repeating the current picture and mixing what the tracks hold).
 */
export class ClockedWriter {
  private readonly canvas: Canvas;
  private readonly startedAt = performance.now();
  /** The file's time zero on the wall clock (what "started" reports, so transcript times map onto it). */
  readonly startedWallAt = new Date();
  private samplesWritten = 0;
  private framesWritten = 0;
  private laidOut = -1;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly settings: PipelineSettings,
    private readonly pipeline: Pipeline,
    private readonly mix: AudioMix,
    private readonly feed: RoomFeed,
  ) {
    this.canvas = new Canvas(settings.width, settings.height);
  }

  start(tickMs = 20): void {
    this.timer = setInterval(() => this.tick(), tickMs);
  }

  /** Writes what is due up to now and stops ticking. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.tick();
  }

  get writtenMs(): number {
    return Math.round((this.samplesWritten / this.settings.sampleRate) * 1000);
  }

  tick(): void {
    const elapsedMs = performance.now() - this.startedAt;
    const dueSamples = Math.floor((elapsedMs * this.settings.sampleRate) / 1000);
    if (dueSamples > this.samplesWritten) {
      const samples = this.mix.pull(dueSamples - this.samplesWritten);
      this.pipeline.audio.write(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
      this.samplesWritten = dueSamples;
    }
    const dueFrames = Math.floor((elapsedMs * this.settings.fps) / 1000) + 1;
    if (dueFrames > this.framesWritten) {
      this.compose();
      // One copy per frame: the pipe keeps a reference until the child has read it.
      const frame = Buffer.from(this.canvas.data);
      for (; this.framesWritten < dueFrames; this.framesWritten++) this.pipeline.video.write(frame);
    }
  }

  private compose(): void {
    const shown = this.feed.shownVideo();
    const relayout = this.laidOut !== this.feed.layoutVersion;
    if (relayout) {
      this.canvas.clear();
      this.laidOut = this.feed.layoutVersion;
    }
    const tiles = gridLayout(shown.length, this.canvas.width, this.canvas.height);
    shown.forEach((slot, i) => {
      if (slot.frame && (slot.fresh || relayout)) {
        this.canvas.draw(slot.frame, tiles[i]!);
        slot.fresh = false;
      }
    });
  }
}
