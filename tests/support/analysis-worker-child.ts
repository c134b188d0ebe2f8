/**
 * The standalone analysis worker (what scripts/analysis-worker.ts runs) with the offline analyzer,
 * short retry/expiry settings, and, with ANALYSIS_TEST_STALL=1, an analyzer that reports progress
 * and then never finishes: the durability test kills it there, mid-job.
 */
import type { Analyzer } from "@/modules/core/analysis/application/analyzer";
import { runAnalysisWorkerProcess } from "@/modules/core/analysis/infra/analysis-worker-from-env";
import { OfflineAnalyzer } from "@/modules/core/analysis/infra/offline-analyzer";
import { DURABILITY_POLICY } from "./analysis";

const stall = process.env.ANALYSIS_TEST_STALL === "1";
const offline = new OfflineAnalyzer();
const analyzer: Analyzer = {
  async analyze(input, onProgress) {
    onProgress?.(5);
    if (stall) await new Promise(() => {});
    return offline.analyze(input, onProgress);
  },
};

await runAnalysisWorkerProcess({
  analyzer,
  policy: DURABILITY_POLICY,
  maintenanceIntervalSeconds: 1,
  pollingIntervalSeconds: 0.5,
});
