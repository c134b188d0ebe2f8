export { decideKnockEndpoint as POST } from "@/modules/core/sessions/api/lobby-endpoints";
