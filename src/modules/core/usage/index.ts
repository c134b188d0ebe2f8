// usage's door: what other modules and pages may use; the pure rules (domain/) may be imported directly.
export { getCaptionHealth } from "./application/get-caption-health";
export { getTranscriptionBudget } from "./application/get-transcription-budget";
export { getTranscriptionUsage } from "./application/get-transcription-usage";
export { getUsageStats } from "./application/get-usage-stats";
export { listUsageFilterOptions } from "./application/list-usage-filter-options";
