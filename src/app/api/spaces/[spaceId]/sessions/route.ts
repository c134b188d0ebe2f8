export { listSpaceSessionsEndpoint as GET } from "@/modules/core/sessions/api/session-list-endpoint";
export { createSessionEndpoint as POST } from "@/modules/core/sessions/api/session-endpoints";
