export { rerunAnalysisEndpoint as POST } from "@/modules/core/analysis/api/analysis-endpoints";
