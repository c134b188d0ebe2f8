export { startMeetingEndpoint as POST } from "@/modules/core/sessions/api/meeting-endpoints";
