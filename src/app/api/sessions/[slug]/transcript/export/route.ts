export { transcriptExportEndpoint as GET } from "@/modules/core/transcription/api/transcript-endpoint";
