export { transcriptSharingEndpoint as PATCH } from "@/modules/core/transcription/api/transcript-endpoint";
