import cluster, { type Worker } from "node:cluster";
import type { Logger } from "pino";
import { AggregatorRegistry, Counter, Registry } from "prom-client";
import { startMetricsEndpoint } from "./metrics-endpoint";
import { backoffMs, SETTINGS } from "../settings";

type Slot = { slot: number; startedAt: number };

/**
 * The cluster primary (WS_PROCESSES > 1): no provider, no database. It forks one worker per slot;
 * they share WS_PORT (Node's cluster hands the primary's accepted sockets out round-robin, so one
 * event loop is not the instance's ceiling), and serves /metrics on WS_METRICS_HOST:WS_METRICS_PORT
 * as the sum of every worker's registry. A crashed worker is forked again (SETTINGS.cluster); its
 * sockets' clients reconnect and re-send their unacknowledged finals, as after any lost instance.
 * SIGTERM/SIGINT go to every worker, each drains as a single process does, and the primary exits
 * once all have: 0 when every worker exited cleanly.
 */
export async function runPrimary(
  opts: { processes: number; metrics: { host: string; port: number } },
  log: Logger,
): Promise<void> {
  const aggregator = new AggregatorRegistry();
  const own = new Registry();
  const restarts = new Counter({
    name: "ws_process_restarts_total",
    help: "ws worker processes forked again after a crash",
    registers: [own],
  });
  const endpoint = await startMetricsEndpoint({
    ...opts.metrics,
    contentType: aggregator.contentType,
    render: async () => `${(await aggregator.clusterMetrics()).trimEnd()}\n\n${await own.metrics()}`,
    log,
  });

  const slots = new Map<Worker, Slot>();
  const crashes: number[] = Array.from({ length: opts.processes }, () => 0);
  const listening = new Set<number>();
  const restartTimers = new Set<NodeJS.Timeout>();
  let announced = false;
  let stopping = false;
  let exitCode = 0;

  const fork = (slot: number) => {
    const worker = cluster.fork({ WS_CLUSTER_SLOT: String(slot) });
    slots.set(worker, { slot, startedAt: Date.now() });
    worker.on("message", (m: { type?: string; port?: number }) => {
      if (m?.type !== "listening" || !m.port) return;
      listening.add(slot);
      if (announced || listening.size < opts.processes) return;
      announced = true;
      log.info({ port: m.port, processes: opts.processes }, "every ws process is listening");
      process.send?.({ type: "listening", port: m.port, metricsPort: endpoint.port });
    });
  };

  const finish = () => {
    endpoint.close();
    process.exit(exitCode);
  };

  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, "stopping every ws process");
    for (const t of restartTimers) clearTimeout(t);
    for (const worker of slots.keys()) worker.process.kill("SIGTERM");
    const hardStop = setTimeout(() => {
      log.error("ws processes took too long to stop; killing them");
      for (const worker of slots.keys()) worker.process.kill("SIGKILL");
      exitCode = 1;
      finish();
    }, SETTINGS.shutdownTimeoutMs + 15_000);
    hardStop.unref();
    if (slots.size === 0) finish();
  };

  cluster.on("exit", (worker, code, signal) => {
    const place = slots.get(worker);
    slots.delete(worker);
    if (!place) return;
    const clean = code === 0 || signal === "SIGTERM" || signal === "SIGINT";
    if (stopping) {
      if (!clean) exitCode = 1;
      if (slots.size === 0) finish();
      return;
    }
    log.error({ slot: place.slot, pid: worker.process.pid, code, signal }, "ws process exited");
    if (!announced) {
      // Failing before the instance ever listened is configuration (a port in use, a bad URL), not bad luck.
      exitCode = 1;
      stop("a ws process failed to start");
      return;
    }
    const next = nextRestart(crashes[place.slot]!, Date.now() - place.startedAt);
    crashes[place.slot] = next.crashesInRow;
    if (next.delayMs === null) {
      exitCode = 1;
      stop(`slot ${place.slot} crashed ${next.crashesInRow} times in a row`);
      return;
    }
    const timer = setTimeout(() => {
      restartTimers.delete(timer);
      restarts.inc();
      fork(place.slot);
    }, next.delayMs);
    restartTimers.add(timer);
  });

  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  for (let slot = 0; slot < opts.processes; slot++) fork(slot);
}

/**
 * After a worker's crash: its slot's crashes in a row (a worker that ran `stableMs` starts the
 * count again) and the wait before forking it again, or null once past `maxRestarts`.
 */
export function nextRestart(
  crashesInRow: number,
  livedMs: number,
  policy: typeof SETTINGS.cluster = SETTINGS.cluster,
): { crashesInRow: number; delayMs: number | null } {
  const count = livedMs >= policy.stableMs ? 1 : crashesInRow + 1;
  if (count > policy.maxRestarts) return { crashesInRow: count, delayMs: null };
  return { crashesInRow: count, delayMs: backoffMs(count - 1, policy.restart) };
}
