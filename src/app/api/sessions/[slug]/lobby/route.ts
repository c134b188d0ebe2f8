export {
  knockEndpoint as POST,
  ownKnockEndpoint as GET,
  cancelKnockEndpoint as DELETE,
} from "@/modules/core/sessions/api/lobby-endpoints";
