import type { AnalysisWorkerEnv } from "@/lib/env/analysis";
import type { Analyzer } from "../application/analyzer";
import { FallbackAnalyzer } from "./fallback-analyzer";
import { LlmAnalyzer } from "./llm-analyzer";
import { OfflineAnalyzer } from "./offline-analyzer";

type LlmEnv = Pick<AnalysisWorkerEnv, "LLM_BASE_URL" | "LLM_API_KEY" | "LLM_MODEL" | "LLM_TIMEOUT_MS">;

/**
 * The LLM when it is configured, falling back to the offline analyzer on any failure (reported to
 * `onFallback`, which the composition root points at its logger); else offline.
 */
export function analyzerFromEnv(env: LlmEnv, onFallback: (err: unknown) => void = () => {}): Analyzer {
  const offline = new OfflineAnalyzer();
  if (!env.LLM_BASE_URL || !env.LLM_API_KEY || !env.LLM_MODEL) return offline;
  const llm = new LlmAnalyzer({
    baseUrl: env.LLM_BASE_URL,
    apiKey: env.LLM_API_KEY,
    model: env.LLM_MODEL,
    timeoutMs: env.LLM_TIMEOUT_MS,
  });
  return new FallbackAnalyzer(llm, offline, onFallback);
}
