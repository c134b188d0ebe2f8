export { joinSessionEndpoint as POST } from "@/modules/core/sessions/api/session-endpoints";
