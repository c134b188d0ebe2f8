/** Where ended sessions' analyses are queued (pg-boss in infra); one job per session at a time. */
export interface AnalysisQueue {
  send(sessionId: string): Promise<void>;
}
