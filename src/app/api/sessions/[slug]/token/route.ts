export { tokenEndpoint as GET } from "@/modules/core/sessions/api/session-endpoints";
