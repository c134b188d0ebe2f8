// tasks' door: what other modules and pages may use; the pure rules (domain/) may be imported directly.
export { createTasksFromAnalysis } from "./application/create-tasks-from-analysis";
export { getTaskBoard, type TaskBoard } from "./application/get-task-board";
export { TASK_LIST_LIMIT } from "./infra/task-repository";
