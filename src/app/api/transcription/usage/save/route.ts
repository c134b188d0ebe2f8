export { saveClientMetricsEndpoint as POST } from "@/modules/core/transcription/api/usage-stats-endpoints";
