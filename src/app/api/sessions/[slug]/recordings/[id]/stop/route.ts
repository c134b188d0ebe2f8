export { stopRecordingEndpoint as POST } from "@/modules/core/recording/api/recording-endpoints";
