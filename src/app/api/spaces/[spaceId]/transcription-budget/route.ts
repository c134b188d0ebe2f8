export {
  getTranscriptionBudgetEndpoint as GET,
  setTranscriptionBudgetEndpoint as PUT,
} from "@/modules/core/transcription/api/budget-endpoints";
