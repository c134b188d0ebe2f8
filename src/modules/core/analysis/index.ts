// analysis' door: what other modules may use; the pure rules (domain/) may be imported directly.
export { enqueueAnalysis } from "./application/enqueue-analysis";
