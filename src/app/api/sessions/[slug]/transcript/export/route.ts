export { transcriptExportEndpoint as GET } from "@/modules/core/transcripts/api/transcript-endpoint";
