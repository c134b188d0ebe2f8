export { transcriptionTokenEndpoint as POST } from "@/modules/core/transcription/api/transcription-endpoints";
