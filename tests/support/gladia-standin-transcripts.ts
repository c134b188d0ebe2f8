import type { ScriptedUtterance, Session } from "./gladia-standin";
import { bytesPerSecond, fakeTranslation, translationTargets } from "./gladia-standin-helpers";

/**
 * The Gladia stand-in's transcripts (gladia-standin.ts): what its scripted "recognizer" says as a
 * session's audio arrives, as Gladia's documented `transcript` and `translation` messages.
 */

const PARTIAL_STEPS = [1 / 3, 2 / 3];

/** Partials at 1/3 and 2/3 of an utterance's audio, the final when all of it (or the stream) ended. */
export function transcribe(
  script: ScriptedUtterance[],
  session: Session,
  send: (m: Record<string, unknown>) => void,
  stopping: boolean,
) {
  const bps = bytesPerSecond(session.config);
  // No language asked (auto-detect, code switching): the stand-in "detects" the script's English.
  const language = session.config.language_config?.languages?.[0] ?? "en";
  script.forEach((u, i) => {
    const p = session.progress[i]!;
    if (p.final || session.bytes <= u.startByte) return;
    const heard = Math.min(1, (session.bytes - u.startByte) / (u.endByte - u.startByte));
    const words = u.text.split(/\s+/);
    const utterance = (fraction: number, isFinal: boolean) => {
      const data = {
        id: `${session.id}-${i}`,
        is_final: isFinal,
        utterance: {
          start: u.startByte / bps,
          end: Math.min(u.endByte, session.bytes) / bps,
          confidence: isFinal ? 0.93 : 0.71,
          channel: 0,
          words: [],
          // Gladia's texts start with a space
          text: " " + words.slice(0, Math.max(1, Math.round(words.length * fraction))).join(" "),
          language,
        },
      };
      send({ type: "transcript", data });
      return data;
    };
    while (p.partials < PARTIAL_STEPS.length && heard >= PARTIAL_STEPS[p.partials]!) {
      utterance(PARTIAL_STEPS[p.partials]!, false);
      p.partials++;
    }
    if (heard >= 1 || stopping) {
      p.final = true;
      const final = utterance(heard, true);
      for (const target of translationTargets(session.config)) {
        send({
          type: "translation",
          error: null,
          data: {
            utterance_id: final.id,
            utterance: final.utterance,
            original_language: language,
            target_language: target,
            translated_utterance: {
              ...final.utterance,
              text: " " + fakeTranslation(target, final.utterance.text.trim()),
              language: target,
            },
          },
        });
      }
    }
  });
}
