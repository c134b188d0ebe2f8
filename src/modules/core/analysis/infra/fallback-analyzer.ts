import type { AnalysisInput, AnalysisResult, Analyzer } from "../application/analyzer";

/**
 * Tries the primary analyzer (the LLM); on any failure the fallback (offline) answers, and the
 * result's `model` says why: `offline (LLM failed: …)`.
 */
export class FallbackAnalyzer implements Analyzer {
  constructor(
    private readonly primary: Analyzer,
    private readonly fallback: Analyzer,
    private readonly onFallback: (err: unknown) => void = () => {},
  ) {}

  async analyze(input: AnalysisInput, onProgress?: (pct: number) => void): Promise<AnalysisResult> {
    try {
      return await this.primary.analyze(input, onProgress);
    } catch (err) {
      this.onFallback(err);
      const result = await this.fallback.analyze(input, onProgress);
      return { ...result, model: `${result.model} (LLM failed: ${reason(err)})` };
    }
  }
}

function reason(err: unknown): string {
  const e = err as { name?: string; message?: string };
  if (e?.name === "TimeoutError") return "timed out";
  return (e?.message ?? String(err)).slice(0, 200);
}
