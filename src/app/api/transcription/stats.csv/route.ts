export { usageCsvEndpoint as GET } from "@/modules/core/transcription/api/usage-stats-endpoints";
