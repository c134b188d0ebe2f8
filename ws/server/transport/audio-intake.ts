import { audioSeconds } from "@/modules/core/captions/domain/audio";
import type { CloseKey } from "@/modules/core/captions/domain/close-codes";
import { MIC_WARNINGS, type ServerMessage } from "@/modules/core/captions/domain/protocol";
import { Arrivals } from "../stream/arrivals";
import { MicSilence } from "../stream/mic-silence";
import type { ProviderLink } from "../stream/provider-link";
import { SETTINGS } from "../settings";
import { AUDIO_DROPPED_WARNING, AudioRate } from "./audio-rate";
import type { ConnectionDeps } from "./connection-deps";
import { HeardClock } from "./heard";

/** The socket a stream's audio came in on: where its notices go, and how it is closed. */
type Client = { send(msg: ServerMessage): void; end(key: CloseKey): void };

/**
 * What happens to one socket's valid audio frames on an open stream. The order decides what each
 * frame counts for: heard (the client's measure of its own network) before the rate; over the
 * rate, dropped before it is metered, relayed or billed; a paused voice is billed but goes no
 * further; the microphone is judged before the provider's gate.
 */
export class AudioIntake {
  private readonly rate: AudioRate;
  private readonly heard: HeardClock;
  private readonly mic = new MicSilence(SETTINGS.micSilence);
  private readonly arrivals = new Arrivals();
  private counter: { inc(v: number): void } | null = null;

  constructor(
    private readonly streamId: string,
    private readonly deps: ConnectionDeps,
    private readonly client: Client,
  ) {
    this.rate = new AudioRate({
      dropped: (bytes) => deps.metrics.audioDropped.inc(audioSeconds(bytes)),
      warn: () => client.send(AUDIO_DROPPED_WARNING),
      abuse: () => client.end("RATE_LIMITED"),
    });
    this.heard = new HeardClock(SETTINGS.heardEveryMs, (audioMs) => client.send({ type: "heard", audioMs }));
  }

  /** Resolved once per stream: a labelled lookup per frame costs more than the rest of the relay. */
  meter(provider: string): void {
    this.counter = this.deps.metrics.audioSeconds.labels(provider);
  }

  take(pcm: Buffer, stream: ProviderLink, paused: boolean): void {
    const now = performance.now();
    // Received, whatever happens to it next: the client's measure of its own network.
    this.heard.receive(pcm.length);
    // Over the rate: dropped before it is metered, relayed or billed.
    if (!this.rate.admit(pcm.length, now)) return;
    this.deps.metrics.frames.inc();
    this.counter?.inc(audioSeconds(pcm.length));
    this.deps.usage.record(this.streamId, pcm.length, 0);
    if (paused) return;
    // Judged on what arrives, before gating: a dead microphone is news whatever the VAD says.
    const mic = this.mic.push(pcm);
    if (mic) this.client.send({ type: "warning", code: mic, message: MIC_WARNINGS[mic] });
    stream.write(pcm);
    this.arrivals.push(pcm.length, now);
    this.deps.received?.write(this.streamId, pcm);
    this.deps.onRelay?.(now, pcm);
  }

  /** A pause or a resume: silence on one side of it says nothing about the other. */
  resetMic(): void {
    this.mic.reset();
  }

  /** Milliseconds from the arrival of the audio ending at `endMs` until now (the final's lag). */
  lagOf(endMs: number): number | null {
    return this.arrivals.lagOf(endMs, performance.now());
  }

  dispose(): void {
    this.heard.dispose();
  }
}
