export { deleteRecordingEndpoint as DELETE } from "@/modules/core/recording/api/recording-endpoints";
