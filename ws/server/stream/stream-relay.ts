import type { Logger } from "pino";
import type {
  ProviderTranscript,
  ProviderTranslation,
  SttProvider,
} from "@/modules/core/captions/application/stt-provider";
import { AppError } from "@/modules/core/shared/domain/errors";
import { audioSeconds } from "@/modules/core/captions/domain/audio";
import { writtenCaption } from "@/modules/core/captions/domain/caption-text";
import type { ServerMessage, TranslationOffer, Unavailable } from "@/modules/core/captions/domain/protocol";
import type { StreamFinals } from "./finals";
import { toSegment, utteranceIdOf } from "./segments";
import { within } from "./within";
import type { Metrics } from "../ops/metrics";
import { openLink } from "./open-link";
import type { ProviderLink } from "./provider-link";
import { SETTINGS } from "../settings";
import type { UsageMeter } from "../services/usage-meter";
import type { Gating } from "./vad/detectors";

/** What the relay needs from the socket it serves; read live, as pause and finals change. */
export type RelayTarget = {
  streamId: string;
  log: Logger;
  paused(): boolean;
  finals(): StreamFinals | null;
  send(msg: ServerMessage): void;
  unavailable(why: Unavailable): void;
  /** Ms since the audio at this stream time arrived (null before any did). */
  lagOf(endMs: number): number | null;
};

type RelayDeps = {
  metrics: Metrics;
  usage: UsageMeter;
  gating: Gating | null;
};

/**
 * The provider stream(s) behind one socket, through the speech gate when gating is on; when they
 * cannot open, the reason to show the participant instead.
 */
export async function openRelay(
  deps: RelayDeps,
  target: RelayTarget,
  provider: SttProvider,
  /** `vocabulary`: names and glossary terms that bias recognition (the stream context's). */
  stream: { language: string; translation: TranslationOffer; vocabulary: readonly string[] },
): Promise<ProviderLink | { unavailable: Unavailable }> {
  let link: ProviderLink;
  try {
    link = await openLink({
      provider,
      language: stream.language,
      translateTo: stream.translation.languages,
      vocabulary: stream.vocabulary,
      streamId: target.streamId,
      gating: deps.gating,
      onSent: (bytes) => deps.usage.record(target.streamId, 0, bytes),
      // Never bill what was not transcribed: audio the recognizer shed or never decoded.
      onUnsent: (bytes) => deps.usage.unbill(target.streamId, bytes),
      onDropped: (bytes) => deps.metrics.droppedAudioSeconds.inc(audioSeconds(bytes)),
      onStatus: ({ state, lagMs }) =>
        target.send({ type: "caption_status", state, code: `stt_${state}`, lagMs }),
      log: target.log,
      onTranscript: (t) =>
        relayTranscript(
          deps.metrics,
          target,
          provider.writesNumbersAsWords ? inWrittenForm(t, stream.language) : t,
        ),
      onTranslation: (t) => relayTranslation(deps.metrics, target, t),
      onWarning: (w) => {
        deps.metrics.errors.inc({ kind: `provider_${w.code}` });
        target.send({ type: "warning", code: w.code, message: w.reason });
      },
      onError: (e) => {
        deps.metrics.errors.inc({ kind: `provider_${e.code}` });
        target.log.warn({ code: e.code, retryable: e.retryable }, "provider stream error");
        if (e.retryable) target.send({ type: "warning", code: e.code, message: e.reason });
        else target.unavailable({ code: "recognizer_failed", reason: e.reason });
      },
    });
  } catch (err) {
    deps.metrics.errors.inc({ kind: "provider_open" });
    target.log.warn({ err }, "provider stream did not open");
    if (err instanceof AppError && err.code === "captions_busy") {
      target.send({ type: "caption_status", state: "busy", code: "stt_busy", lagMs: null });
    }
    return {
      unavailable: {
        code: "recognizer_failed",
        reason: err instanceof AppError ? err.userMessage : "the speech recognizer could not start",
      },
    };
  }
  // Counted while open; closeRelay takes it back.
  deps.metrics.streams.inc();
  return link;
}

/**
 * Partials too (0.01 ms a line), so a line does not change style when its final replaces it; the
 * final is stored, shown and exported in this form.
 */
const inWrittenForm = (t: ProviderTranscript, language: string): ProviderTranscript => ({
  ...t,
  text: writtenCaption(t.text, t.language ?? language),
});

function relayTranscript(metrics: Metrics, target: RelayTarget, t: ProviderTranscript) {
  const finals = target.finals();
  if (!finals) return;
  // Nothing said while paused is shown or stored, including an utterance the pause cut short.
  if (target.paused()) {
    metrics.transcripts.inc({ kind: "dropped_paused" });
    return;
  }
  const seg = toSegment(target.streamId, t);
  if (!t.isFinal) {
    metrics.transcripts.inc({ kind: "partial" });
    target.send({ type: "transcript", ...seg, isFinal: false });
    return;
  }
  if (!seg.text.trim()) return;
  metrics.transcripts.inc({ kind: "final" });
  const lagMs = seg.endMs === null ? null : target.lagOf(seg.endMs);
  if (lagMs !== null) metrics.finalLag.observe(lagMs / 1000);
  target.log.debug({ utteranceId: seg.utteranceId, chars: seg.text.length }, "final");
  finals.emit(seg);
}

function relayTranslation(metrics: Metrics, target: RelayTarget, t: ProviderTranslation) {
  // Same id as the final it translates; a translation of a final not sent (paused) is dropped.
  const utteranceId = utteranceIdOf(target.streamId, t.id);
  const kind = target.finals()?.translate({ utteranceId, language: t.language, text: t.text })
    ? "translation"
    : "dropped_translation";
  metrics.transcripts.inc({ kind });
}

/** Lets the provider finish (its last finals still arrive) but never waits on it forever. */
export async function closeRelay(stream: ProviderLink, metrics: Metrics, log: Logger) {
  try {
    await within(stream.close(), SETTINGS.providerCloseTimeoutMs, "provider close");
  } catch (err) {
    metrics.errors.inc({ kind: "provider_close" });
    log.warn({ err }, "provider stream did not close cleanly");
  } finally {
    metrics.streams.dec();
  }
}
