export { transcriptionTokenEndpoint as POST } from "@/modules/core/captions/api/transcription-endpoints";
