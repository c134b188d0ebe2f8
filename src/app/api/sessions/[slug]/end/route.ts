export { endSessionEndpoint as POST } from "@/modules/core/sessions/api/session-endpoints";
