export { peopleInCallEndpoint as GET } from "@/modules/core/sessions/api/lobby-endpoints";
