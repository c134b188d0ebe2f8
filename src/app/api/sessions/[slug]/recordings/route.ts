export {
  listRecordingsEndpoint as GET,
  startRecordingEndpoint as POST,
} from "@/modules/core/recording/api/recording-endpoints";
