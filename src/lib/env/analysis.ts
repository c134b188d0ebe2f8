import { z } from "zod";
import { logLevel, nodeEnv, postgresUrl } from "./fields";
import { parseEnv, setTogether, type EnvSource } from "./parse";

/** An OpenAI-compatible chat-completions endpoint for the session analysis; unset = offline analyzer. */
export const llmFields = {
  LLM_BASE_URL: z.url().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().optional(),
  // A model that has not answered by then is abandoned for the offline analyzer.
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(120_000),
};

type LlmValues = { LLM_BASE_URL?: string; LLM_API_KEY?: string; LLM_MODEL?: string };

export function checkLlmEnv({ LLM_BASE_URL, LLM_API_KEY, LLM_MODEL }: LlmValues, ctx: z.RefinementCtx): void {
  setTogether(ctx, { LLM_BASE_URL, LLM_API_KEY, LLM_MODEL });
}

/**
 * The standalone analysis worker (scripts/analysis-worker.ts) needs only the database, the LLM and
 * a log level: it serves no pages, so it neither needs nor reads the web's secrets.
 */
const schema = z
  .object({
    NODE_ENV: nodeEnv(),
    DATABASE_URL: postgresUrl("the same database as the web process"),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
    LOG_LEVEL: logLevel(),
    ...llmFields,
  })
  .superRefine(checkLlmEnv);

export type AnalysisWorkerEnv = z.output<typeof schema>;

export function loadAnalysisWorkerEnv(source: EnvSource = process.env): AnalysisWorkerEnv {
  return parseEnv("analysis-worker", schema, source);
}
