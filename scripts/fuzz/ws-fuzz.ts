import { like } from "drizzle-orm";
import WebSocket from "ws";
import type { Db } from "../../src/lib/db/client";
import { transcriptSegments } from "../../src/lib/db/schema/transcription";
import { CLOSE } from "../../src/modules/core/captions/domain/close-codes";
import { signTranscriptionToken } from "../../src/modules/core/captions/infra/transcription-token";
import type { Speaker } from "../../tests/support/transcription-seed";
import { sampleWsCases, type WsCase } from "./ws-cases";
import { FORGED, bytes, mutateToken } from "./ws-frames";

/**
 * The ws fuzz: hostile frames against a running ws process, before auth, as auth, and after a
 * real auth. Every close the server makes must carry a documented code, and the process must
 * stay healthy with its memory back near where it started. Shared by `npm run fuzz:ws` and the
 * integration test.
 */

/**
 * close-codes.ts, plus the two the `ws` library sends itself (documented under the close-code table
 * in ARCHITECTURE.md): 1007 for a text frame that is not UTF-8, 1009 for a message over maxPayload.
 */
export const DOCUMENTED_CLOSES = new Set<number>([...Object.values(CLOSE).map((c) => c.code), 1007, 1009]);
const SETTLE_MS = 200;

export type Memory = { rssBytes: number; heapUsedBytes: number };
export type WsFuzzResult = {
  seed: number;
  cases: number;
  /** Server-initiated close codes and how often. */
  closes: Record<number, number>;
  /** Cases where the server kept the socket open and the fuzz said goodbye itself. */
  stillOpen: number;
  /** Cases that got `ready` from a real auth (the after-auth frames reached a live stream). */
  authenticated: number;
  failures: { index: number; why: string; case: string }[];
  memory: { before: Memory; after: Memory };
  healthAfter: { status: number; connections: number };
  forgedSegments: number;
};

export async function fuzzWs(opts: {
  url: string;
  /** The process's Prometheus endpoint (its own loopback listener, not the browsers' port). */
  metricsUrl: string;
  secret: string;
  speakers: Speaker[];
  db: Db;
  seed: number;
  cases: number;
  concurrency?: number;
  onProgress?: (done: number) => void;
}): Promise<WsFuzzResult> {
  const http = opts.url.replace(/^ws/, "http");
  const cases = sampleWsCases(opts.seed, opts.cases);
  const before = await memory(opts.metricsUrl);
  const closes: Record<number, number> = {};
  const failures: WsFuzzResult["failures"] = [];
  let stillOpen = 0;
  let authenticated = 0;
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let index = next++; index < cases.length; index = next++) {
      const speaker = opts.speakers[index % opts.speakers.length]!;
      const c = cases[index]!;
      try {
        const out = await runCase(opts.url, opts.secret, speaker, c);
        if (out.ready) authenticated++;
        if (out.byServer) {
          closes[out.code] = (closes[out.code] ?? 0) + 1;
          if (!DOCUMENTED_CLOSES.has(out.code)) {
            failures.push({ index, why: `undocumented close ${out.code} "${out.reason}"`, case: show(c) });
          }
        } else stillOpen++;
      } catch (err) {
        failures.push({ index, why: String(err), case: show(c) });
      }
      if (++done % 50 === 0) opts.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 6 }, worker));
  const healthAfter = await settled(http);
  const [forged] = await opts.db
    .select({ id: transcriptSegments.id })
    .from(transcriptSegments)
    .where(like(transcriptSegments.text, `%${FORGED}%`))
    .limit(1);
  return {
    seed: opts.seed,
    cases: cases.length,
    closes,
    stillOpen,
    authenticated,
    failures,
    memory: { before, after: await memory(opts.metricsUrl) },
    healthAfter,
    forgedSegments: forged ? 1 : 0,
  };
}

type Outcome = { code: number; reason: string; byServer: boolean; ready?: boolean };

async function runCase(url: string, secret: string, speaker: Speaker, c: WsCase): Promise<Outcome> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  ws.on("error", () => {});
  let saidBye = false;
  let ready = false;
  const closed = new Promise<Outcome>((resolve) =>
    ws.once("close", (code, reason) => resolve({ code, reason: reason.toString(), byServer: !saidBye })),
  );
  const readyOrClosed = new Promise<void>((resolve) => {
    ws.on("message", (data, isBinary) => {
      if (!isBinary && data.toString().includes('"type":"ready"')) {
        ready = true;
        resolve();
      }
    });
    void closed.then(() => resolve());
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("close", () => reject(new Error("could not connect")));
  });
  const token = signTranscriptionToken(secret, { ...speaker, language: "en" }).token;
  if (c.phase === "afterAuth") {
    ws.send(JSON.stringify({ type: "auth", token }));
    await Promise.race([readyOrClosed, delay(10_000)]);
    if (!ready && ws.readyState === WebSocket.OPEN)
      throw new Error("no ready and no close 10 s after a valid auth");
  } else if (c.phase === "badAuth") {
    send(ws, JSON.stringify({ type: "auth", token: mutateToken(c.token, token, secret, speaker) }), false);
  }
  for (const f of c.frames) for (const [data, binary] of bytes(f, token)) send(ws, data, binary);
  const outcome = await Promise.race([closed, delay(SETTLE_MS).then(() => null)]);
  if (outcome) return { ...outcome, ready };
  saidBye = true;
  ws.close(1000, "fuzz case done");
  const bye = await Promise.race([closed, delay(5_000).then(() => null)]);
  if (!bye) {
    ws.terminate();
    throw new Error("the server did not finish the closing handshake in 5 s");
  }
  return { ...bye, ready };
}

function send(ws: WebSocket, data: Buffer | string, binary: boolean) {
  if (ws.readyState === WebSocket.OPEN) ws.send(data, { binary }, () => {});
}

function show(c: WsCase): string {
  const s = JSON.stringify(c, (_, v: unknown) =>
    typeof v === "string" && v.length > 80 ? `${v.slice(0, 80)}…` : v,
  );
  return s.length > 400 ? `${s.slice(0, 400)}…` : s;
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits (up to 20 s) for every fuzz socket to be gone and returns /healthz. */
async function settled(http: string): Promise<{ status: number; connections: number }> {
  let last = { status: 0, connections: -1 };
  for (let i = 0; i < 40; i++) {
    const res = await fetch(`${http}/healthz`);
    last = { status: res.status, connections: ((await res.json()) as { connections: number }).connections };
    if (last.status === 200 && last.connections === 0) break;
    await delay(500);
  }
  return last;
}

/** The ws process's memory from its /metrics; the lowest of a few samples, so a pending GC counts less. */
export async function memory(metricsUrl: string): Promise<Memory> {
  let best: Memory = { rssBytes: Infinity, heapUsedBytes: Infinity };
  for (let i = 0; i < 4; i++) {
    const text = await (await fetch(metricsUrl)).text();
    const read = (name: string) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
    best = {
      rssBytes: Math.min(best.rssBytes, read("process_resident_memory_bytes")),
      heapUsedBytes: Math.min(best.heapUsedBytes, read("nodejs_heap_size_used_bytes")),
    };
    await delay(500);
  }
  return best;
}
