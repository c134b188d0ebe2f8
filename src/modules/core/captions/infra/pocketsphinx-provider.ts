import { fileURLToPath } from "node:url";
import type { SttProvider } from "../application/stt-provider";
import { captionLanguages } from "../domain/caption-languages";
import { createLocalWorkerProvider, type LocalWorkerOptions } from "./local-worker-provider";

export { DEFAULT_LAG_BUDGET } from "./local-worker-provider";

export type PocketSphinxOptions = LocalWorkerOptions & {
  /**
   * Decoders (~90 MB each) one worker may hold at once, i.e. streams it transcribes at the same
   * moment; a stream that starts speaking beyond it gets `onWarning` stt_busy and waits for one.
   */
  maxDecoders?: number;
  /** Decoders kept loaded between utterances; those beyond are freed and their memory returned. */
  idleDecoders?: number;
};

const WORKER = fileURLToPath(new URL("../../../../../ws/stt/pocketsphinx_worker.py", import.meta.url));

/** English in any region: the wheel ships the US English model only. */
const isEnglish = (language: string) => /^en([-_]|$)/i.test(language.trim());

/**
 * PocketSphinx (ws/stt/pocketsphinx_worker.py): the fallback local recognizer, when Whisper's
 * runtime or model is missing or the machine lacks the memory for it. English only.
 */
export function createPocketSphinxProvider(opts: PocketSphinxOptions): SttProvider {
  const args: string[] = [];
  if (opts.maxDecoders !== undefined) args.push("--max-decoders", String(opts.maxDecoders));
  if (opts.idleDecoders !== undefined) args.push("--idle-decoders", String(opts.idleDecoders));
  return createLocalWorkerProvider(
    {
      name: "pocketsphinx",
      workerPath: WORKER,
      args,
      writesNumbersAsWords: true,
      captionLanguages: captionLanguages({ provider: "pocketsphinx", gladiaKey: false, localModels: [] }),
      unsupportedReason: (language) =>
        isEnglish(language)
          ? null
          : `the local speech recognizer understands English only, not "${language}"`,
    },
    opts,
  );
}
