export { usageStatsEndpoint as GET } from "@/modules/core/transcription/api/usage-stats-endpoints";
