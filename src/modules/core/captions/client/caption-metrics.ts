import { CHUNK_MS } from "../domain/audio";
import type { ConnectionCounters } from "./caption-connection";

/** The body of POST /api/transcription/usage/save (see `clientMetricsSchema`). */
export type CaptionMetricsBody = ConnectionCounters & {
  slug: string;
  clientStreamId: string;
  audioSecondsSent: number;
  startedAt: string;
  endedAt: string | null;
};

export const METRICS_INTERVAL_MS = 15_000;

/** 16 random bytes as hex: works where `crypto.randomUUID` does not (plain-http LAN pages). */
export function newClientStreamId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export type MetricsReporterOptions = {
  slug: string;
  counters: () => ConnectionCounters;
  /** `final`: the page is going away or the stream ended (the sender should use keepalive). */
  send: (body: CaptionMetricsBody, final: boolean) => void;
  intervalMs?: number;
  now?: () => Date;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
};

/**
 * Saves one caption stream's counters every `intervalMs` while they change, and once more when it
 * ends. The server keeps the highest counters it has seen, so a lost or late save is harmless.
 */
export class CaptionMetricsReporter {
  readonly clientStreamId = newClientStreamId();
  private readonly startedAt: Date;
  private timer: unknown = null;
  private lastSent = "";
  private ended = false;

  constructor(private readonly opts: MetricsReporterOptions) {
    this.startedAt = (opts.now ?? (() => new Date()))();
  }

  start(): void {
    const every = this.opts.setInterval ?? ((fn, ms) => setInterval(fn, ms));
    this.timer = every(() => this.flush(false), this.opts.intervalMs ?? METRICS_INTERVAL_MS);
  }

  /** The page is being hidden for good (or into the back/forward cache, when it may come back). */
  pageHidden(persisted: boolean): void {
    this.flush(true, persisted ? null : this.now());
  }

  /** The stream ended: one last save with its end time, then nothing more. */
  stop(): void {
    if (this.timer !== null) (this.opts.clearInterval ?? ((h) => clearInterval(h as never)))(this.timer);
    this.timer = null;
    this.flush(true, this.now());
    this.ended = true;
  }

  body(endedAt: Date | null = null): CaptionMetricsBody {
    const c = this.opts.counters();
    return {
      slug: this.opts.slug,
      clientStreamId: this.clientStreamId,
      ...c,
      audioSecondsSent: Math.round(c.chunksSent * CHUNK_MS) / 1000,
      startedAt: this.startedAt.toISOString(),
      endedAt: endedAt ? endedAt.toISOString() : null,
    };
  }

  private now(): Date {
    return (this.opts.now ?? (() => new Date()))();
  }

  private flush(final: boolean, endedAt: Date | null = null): void {
    if (this.ended) return;
    const body = this.body(endedAt);
    const key = JSON.stringify({ ...body, endedAt: null });
    // Nothing new since the last save: skip periodic saves, but always send the end.
    if (key === this.lastSent && !endedAt) return;
    this.lastSent = key;
    this.opts.send(body, final);
  }
}

/** The browser's sender: `keepalive` lets the last save outlive the page (as a beacon would). */
export function postCaptionMetrics(body: CaptionMetricsBody, final: boolean): void {
  void fetch("/api/transcription/usage/save", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    keepalive: final,
    credentials: "same-origin",
  }).catch(() => {});
}
