import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import type Redis from "ioredis";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import { WebSocketServer } from "ws";
import type { Db } from "@/lib/db/client";
import type { SttProvider } from "@/modules/core/captions/application/stt-provider";
import { segmentSigner } from "@/modules/core/captions/infra/segment-signature";
import { createSegmentWriter } from "@/modules/core/captions/infra/segment-writer";
import { Connection } from "./transport/connection";
import type { ConnectionDeps } from "./transport/connection-deps";
import { createMetrics } from "./ops/metrics";
import { startMetricsEndpoint } from "./ops/metrics-endpoint";
import { createBudgetGuard } from "./services/budget-guard";
import { createParticipantStreams } from "./transport/participant-streams";
import { createSessionDirectory } from "./services/session-directory";
import { createStreamOpenLimiter } from "./transport/stream-opens";
import { backoffMs, SETTINGS } from "./settings";
import { createUsageMeter } from "./services/usage-meter";
import { gatingFor, type GatingConfig } from "./stream/vad/detectors";

export type ServerOptions = {
  host: string;
  port: number;
  db: Db;
  secret: string;
  /** null when no provider can work here; `unavailableReason` says why, to every client. */
  provider: SttProvider | null;
  unavailableReason?: string;
  /** Why this provider serves (STT_PROVIDER=auto's choice), shown in /healthz. */
  providerReason?: string;
  log: Logger;
  onRelay?: ConnectionDeps["onRelay"];
  /** Test-only: keep each stream's relayed audio (WS_RECORD_RECEIVED_DIR). */
  received?: ConnectionDeps["received"];
  /** Speech gate (VAD aggressiveness 0–3); off when absent, so every received second is sent. */
  gating?: GatingConfig | null;
  /** Shared with the other ws instances so per-participant limits count across them; else per process. */
  redis?: Redis;
  /** Caption streams a participant may open per minute; SETTINGS.streamOpensPerMinute by default. */
  streamOpensPerMinute?: number;
  /** Live caption streams per participant; SETTINGS.streamsPerParticipant by default. */
  streamsPerParticipant?: number;
  /** Ping interval; SETTINGS.keepaliveMs unless a test needs dead sockets found sooner. */
  keepaliveMs?: number;
  /**
   * Where `/metrics` listens (never on the browsers' port); loopback on a free port by default.
   * null: not served here (a cluster worker: the primary serves every worker's sum).
   */
  metrics?: { host: string; port: number } | null;
};

export type TranscriptionServer = {
  port: number;
  url: string;
  /** The Prometheus scrape URL, on its own listener (`metrics` option); null when not served. */
  metricsUrl: string | null;
  metricsPort: number | null;
  /** This process's metrics, for a cluster primary to aggregate. */
  metricsRegistry: Registry;
  /** SIGTERM path: stop taking audio, let providers finish, store and ack every final, close sockets. */
  shutdown(): Promise<void>;
  connectionCount(): number;
};

/**
 * The transport: an HTTP server for /healthz that also upgrades WebSocket requests (any path) into
 * one Connection each; /metrics on a listener of its own (metrics-endpoint.ts). The storage writer, usage meter and session directory are
 * shared by all connections of the process.
 */
export async function startTranscriptionServer(opts: ServerOptions): Promise<TranscriptionServer> {
  const { log, db } = opts;
  const connections = new Set<Connection>();
  const metrics = createMetrics({ connections: () => connections.size, writerPending: () => writer.pending });
  // Keepalive slice of each connection (see below), fixed for its lifetime.
  const slots = new WeakMap<Connection, number>();
  let accepted = 0;

  const writer = createSegmentWriter(db, {
    ...SETTINGS.writer,
    backoffMs,
    observer: {
      flushed(rows, ms) {
        metrics.batchSize.observe(rows);
        metrics.flushSeconds.observe(ms / 1000);
      },
      failed(err, attempt) {
        metrics.errors.inc({ kind: "db_flush" });
        log.warn({ err, attempt, pending: writer.pending }, "storing finals failed; retrying");
      },
      pressure(saturated) {
        log.warn({ saturated, pending: writer.pending }, "storage backpressure");
        for (const c of connections) c.setBackpressure(saturated);
      },
    },
  });
  const usage = createUsageMeter(db, { flushIntervalMs: SETTINGS.usage.flushIntervalMs, backoffMs, log });
  const directory = createSessionDirectory(db, {
    cacheMs: SETTINGS.lookupCacheMs,
    recheckMs: SETTINGS.sessionRecheckMs,
    leftGraceMs: SETTINGS.leftGraceMs,
    log,
    onError: (kind) => metrics.errors.inc({ kind }),
  });
  const budget = createBudgetGuard(db, {
    recheckMs: SETTINGS.sessionRecheckMs,
    log,
    onError: (kind) => metrics.errors.inc({ kind }),
  });
  const streams = createParticipantStreams({
    max: opts.streamsPerParticipant ?? SETTINGS.streamsPerParticipant,
    recheckMs: SETTINGS.sessionRecheckMs,
    redis: opts.redis,
    log,
    onError: (kind) => metrics.errors.inc({ kind }),
  });
  const deps: ConnectionDeps = {
    secret: opts.secret,
    signer: segmentSigner(opts.secret),
    provider: opts.provider,
    unavailableReason: opts.unavailableReason ?? "no speech recognizer is configured",
    directory,
    budget,
    writer,
    usage,
    metrics,
    log,
    onRelay: opts.onRelay,
    received: opts.received,
    gating: opts.gating ? gatingFor(opts.gating, opts.log) : null,
    streamOpens: createStreamOpenLimiter({
      perMinute: opts.streamOpensPerMinute ?? SETTINGS.streamOpensPerMinute,
      redis: opts.redis,
    }),
    streams,
  };

  const httpServer = http.createServer((req, res) => {
    void handleHttp(req, res).catch((err) => {
      log.error({ err }, "http handler failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function handleHttp(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz") {
      const dbOk = await db
        .execute(sql`select 1`)
        .then(() => true)
        .catch(() => false);
      const body = {
        status: dbOk && !shuttingDown ? "ok" : "degraded",
        db: dbOk ? "ok" : "unreachable",
        provider: opts.provider ? opts.provider.name : `unavailable: ${deps.unavailableReason}`,
        providerReason: opts.providerReason ?? null,
        connections: connections.size,
        pendingFinals: writer.pending,
        shuttingDown,
      };
      res.writeHead(dbOk && !shuttingDown ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "not_found", message: "Not found." } }));
  }

  const wss = new WebSocketServer({
    server: httpServer,
    maxPayload: SETTINGS.maxPayloadBytes,
    perMessageDeflate: false,
  });
  let shuttingDown = false;
  wss.on("connection", (ws) => {
    if (shuttingDown) {
      ws.close(1001, "server shutting down");
      return;
    }
    const c = new Connection(ws, deps);
    connections.add(c);
    slots.set(c, accepted++ % 10);
    void c.closed.then(() => connections.delete(c));
  });
  wss.on("error", (err) => log.error({ err }, "websocket server error"));

  // Each socket is pinged once per keepalive period, but in 10 slices: pinging thousands of
  // sockets in one tick stalls the relay of everyone's audio for tens of milliseconds.
  const keepaliveMs = opts.keepaliveMs ?? SETTINGS.keepaliveMs;
  let slice = 0;
  const keepalive = setInterval(() => {
    for (const c of connections) if (slots.get(c) === slice) c.heartbeat();
    slice = (slice + 1) % 10;
  }, keepaliveMs / 10);
  keepalive.unref();

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(opts.port, opts.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const metricsEndpoint =
    opts.metrics === null
      ? null
      : await startMetricsEndpoint({
          host: opts.metrics?.host ?? "127.0.0.1",
          port: opts.metrics?.port ?? 0,
          contentType: metrics.registry.contentType,
          render: () => metrics.registry.metrics(),
          log,
        }).catch((err: unknown) => {
          httpServer.close();
          throw err;
        });
  log.info(
    { host: opts.host, port, provider: opts.provider?.name ?? "none" },
    "transcription server listening",
  );

  let shutdownPromise: Promise<void> | null = null;
  async function shutdown() {
    shuttingDown = true;
    clearInterval(keepalive);
    httpServer.close();
    const all = [...connections];
    log.info({ connections: all.length, pending: writer.pending }, "shutting down: draining streams");
    await Promise.all(all.map((c) => c.stopAudio()));
    await withTimeout(writer.drain(), SETTINGS.shutdownTimeoutMs, () =>
      log.error({ pending: writer.pending }, "gave up storing finals at shutdown"),
    );
    for (const c of all) {
      c.flushAcks();
      c.end("GOING_AWAY");
    }
    await usage.drain(5_000);
    await withTimeout(Promise.all(all.map((c) => c.closed)), 3_000, () => {});
    for (const ws of wss.clients) ws.terminate();
    directory.stop();
    budget.stop();
    streams.stop();
    wss.close();
    await opts.provider?.shutdown().catch((err) => log.warn({ err }, "provider shutdown failed"));
    httpServer.closeAllConnections();
    metricsEndpoint?.close();
    log.info("shutdown complete");
  }

  return {
    port,
    url: `ws://${opts.host}:${port}`,
    metricsUrl: metricsEndpoint?.url ?? null,
    metricsPort: metricsEndpoint?.port ?? null,
    metricsRegistry: metrics.registry,
    shutdown: () => (shutdownPromise ??= shutdown()),
    connectionCount: () => connections.size,
  };
}

async function withTimeout(p: Promise<unknown>, ms: number, onTimeout: () => void) {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), ms)));
  if ((await Promise.race([p, timedOut])) === "timeout") onTimeout();
  clearTimeout(timer);
}
