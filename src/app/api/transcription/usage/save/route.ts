export { saveClientMetricsEndpoint as POST } from "@/modules/core/usage/api/usage-stats-endpoints";
