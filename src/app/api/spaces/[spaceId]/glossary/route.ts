export {
  getGlossaryEndpoint as GET,
  replaceGlossaryEndpoint as PUT,
} from "@/modules/core/captions/api/glossary-endpoints";
