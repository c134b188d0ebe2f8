export { getSessionEndpoint as GET } from "@/modules/core/sessions/api/session-endpoints";
