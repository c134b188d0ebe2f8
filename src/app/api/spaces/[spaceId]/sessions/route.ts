export { listSpaceSessionsEndpoint as GET } from "@/modules/core/sessions/api/session-list-endpoint";
