// analysis' door: what other modules may use; the pure rules (domain/) may be imported directly.
export { enqueueAnalysis } from "./application/enqueue-analysis";
export type { AnalysisQueue } from "./application/analysis-queue";
