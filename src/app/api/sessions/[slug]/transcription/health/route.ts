export { captionHealthEndpoint as GET } from "@/modules/core/transcription/api/transcription-endpoints";
