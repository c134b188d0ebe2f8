/**
 * The transcription process: `node --import tsx ws/server/main.ts` (the supervisor starts it).
 * WS_PROCESSES=1: this process serves (run-process.ts). More: it is the cluster primary
 * (primary.ts), and the workers it forks run this file again, each serving one slot.
 */
import cluster from "node:cluster";
import { createLogger } from "@/lib/logger";
import { loadWsEnv } from "./env";
import { runPrimary } from "./ops/primary";
import { runProcess } from "./run-process";

function main() {
  let env;
  try {
    env = loadWsEnv();
  } catch (err) {
    console.error("[ws] failed to start:", err instanceof Error ? err.message : err);
    process.exit(1);
  }
  if (env.WS_PROCESSES === 1) return runProcess(env, { clustered: false });
  if (cluster.isWorker) return runProcess(env, { clustered: true, slot: env.WS_CLUSTER_SLOT ?? 0 });
  const primary = {
    processes: env.WS_PROCESSES,
    metrics: { host: env.WS_METRICS_HOST, port: env.WS_METRICS_PORT },
  };
  return runPrimary(primary, createLogger("ws-primary", env.LOG_LEVEL)).catch((err: unknown) => {
    console.error("[ws] failed to start:", err instanceof Error ? err.message : err);
    process.exit(1);
  });
}

void main();
