export {
  getGlossaryEndpoint as GET,
  replaceGlossaryEndpoint as PUT,
} from "@/modules/core/transcription/api/glossary-endpoints";
