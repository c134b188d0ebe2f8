export { transcriptionUsageEndpoint as GET } from "@/modules/core/captions/api/transcription-endpoints";
