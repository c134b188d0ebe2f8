export { transcriptSharingEndpoint as PATCH } from "@/modules/core/transcripts/api/transcript-endpoint";
