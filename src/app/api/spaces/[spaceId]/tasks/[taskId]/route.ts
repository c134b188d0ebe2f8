export {
  updateTaskEndpoint as PATCH,
  deleteTaskEndpoint as DELETE,
} from "@/modules/core/tasks/api/task-endpoints";
