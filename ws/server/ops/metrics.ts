import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** What the gauges read when they are collected (a scrape, or the cluster primary asking). */
export type MetricsProbe = { connections(): number; writerPending(): number };

/**
 * Prometheus metrics of one ws process (its own registry: several servers may run in one test
 * process). With WS_PROCESSES > 1 the primary sums every worker's registry (prom-client's
 * AggregatorRegistry); `ws_process_connections{pid}` keeps each worker's own count apart.
 */
export function createMetrics(probe: MetricsProbe) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const m = {
    registry,
    connections: new Gauge({ name: "ws_connections", help: "Open sockets", registers: [registry] }),
    processConnections: new Gauge({
      name: "ws_process_connections",
      help: "Open sockets of one ws process, by its pid",
      labelNames: ["pid"],
      registers: [registry],
      collect() {
        this.set({ pid: String(process.pid) }, probe.connections());
      },
    }),
    streams: new Gauge({ name: "ws_streams", help: "Authenticated provider streams", registers: [registry] }),
    audioSeconds: new Counter({
      name: "ws_audio_seconds_total",
      help: "Audio received from clients, seconds",
      labelNames: ["provider"],
      registers: [registry],
    }),
    audioDropped: new Counter({
      name: "ws_audio_dropped_seconds_total",
      help: "Audio received over the stream's rate and dropped (never relayed or billed), seconds",
      registers: [registry],
    }),
    droppedAudioSeconds: new Counter({
      name: "ws_stt_dropped_audio_seconds_total",
      help: "Audio the recognizer shed under load or never decoded (not billed)",
      registers: [registry],
    }),
    frames: new Counter({
      name: "ws_audio_frames_total",
      help: "Audio frames accepted",
      registers: [registry],
    }),
    transcripts: new Counter({
      name: "ws_transcripts_total",
      help: "Transcripts sent to clients",
      labelNames: ["kind"],
      registers: [registry],
    }),
    closes: new Counter({
      name: "ws_closes_total",
      help: "Sockets closed by the server, by close reason",
      labelNames: ["reason"],
      registers: [registry],
    }),
    errors: new Counter({
      name: "ws_errors_total",
      help: "Errors by kind",
      labelNames: ["kind"],
      registers: [registry],
    }),
    writerQueue: new Gauge({
      name: "ws_writer_queue_size",
      help: "Final segments waiting to be stored",
      registers: [registry],
      collect() {
        this.set(probe.writerPending());
      },
    }),
    batchSize: new Histogram({
      name: "ws_writer_batch_size",
      help: "Rows per flush statement",
      buckets: [1, 5, 10, 25, 50, 100, 250, 500],
      registers: [registry],
    }),
    /**
     * Server-side caption lag of each final: from the arrival of the audio at its end to the final
     * going out (the recognizer's share of what a listener waits; the network's is not in it).
     */
    finalLag: new Histogram({
      name: "ws_final_lag_seconds",
      help: "From the arrival of a final's last audio to the final being sent",
      buckets: [0.25, 0.5, 1, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 30],
      registers: [registry],
    }),
    flushSeconds: new Histogram({
      name: "ws_writer_flush_seconds",
      help: "Latency of one flush statement",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
  };
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;
