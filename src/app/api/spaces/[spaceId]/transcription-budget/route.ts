export {
  getTranscriptionBudgetEndpoint as GET,
  setTranscriptionBudgetEndpoint as PUT,
} from "@/modules/core/usage/api/budget-endpoints";
