export { handEndpoint as PUT } from "@/modules/core/sessions/api/people-endpoints";
