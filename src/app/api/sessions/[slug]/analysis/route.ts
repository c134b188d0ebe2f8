export { analysisEndpoint as GET } from "@/modules/core/analysis/api/analysis-endpoints";
