export { transcriptEndpoint as GET } from "@/modules/core/transcription/api/transcript-endpoint";
