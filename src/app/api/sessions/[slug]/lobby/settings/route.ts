export { lobbySettingsEndpoint as PUT } from "@/modules/core/sessions/api/lobby-endpoints";
