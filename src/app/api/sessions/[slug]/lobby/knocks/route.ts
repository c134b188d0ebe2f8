export { waitingKnocksEndpoint as GET } from "@/modules/core/sessions/api/lobby-endpoints";
