export { recordingFileEndpoint as GET } from "@/modules/core/recording/api/recording-endpoints";
