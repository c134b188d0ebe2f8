export { muteParticipantEndpoint as POST } from "@/modules/core/sessions/api/people-endpoints";
