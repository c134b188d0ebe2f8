export {
  listTasksEndpoint as GET,
  createTaskEndpoint as POST,
} from "@/modules/core/tasks/api/task-endpoints";
