export { transcriptionUsageEndpoint as GET } from "@/modules/core/transcription/api/transcription-endpoints";
