import type { Executor } from "@/lib/db/client";
import {
  captionLanguages,
  servedCaptionLanguages,
  type CaptionConfig,
  type CaptionLanguages,
} from "../domain/caption-languages";
import { runningRecognizers } from "../infra/recognizer-repository";

/**
 * The caption languages sessions may use now: what the running ws processes' recognizers serve
 * (each announces its own, after any fallback), or, with none running yet, what `config` (the web
 * process's env, the same variables the ws process chooses by) would give.
 */
export async function getCaptionLanguages(db: Executor, config: CaptionConfig): Promise<CaptionLanguages> {
  return servedCaptionLanguages(await runningRecognizers(db)) ?? captionLanguages(config);
}
