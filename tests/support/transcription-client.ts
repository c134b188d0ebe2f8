import WebSocket from "ws";
import type { FinalSegment, ServerMessage } from "@/modules/core/captions/domain/protocol";

export type Closed = { code: number; reason: string };
type Transcript = Extract<ServerMessage, { type: "transcript" }>;

/** A protocol client for tests and benchmarks: what the browser's caption connection does, in Node. */
export class TranscriptionTestClient {
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<Closed>;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      this.messages.push(JSON.parse(data.toString()) as ServerMessage);
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) =>
      ws.once("close", (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const w of this.waiters.splice(0)) w();
      }),
    );
    ws.on("error", () => {});
  }

  static async connect(url: string): Promise<TranscriptionTestClient> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    return new TranscriptionTestClient(ws);
  }

  /** Connects, authenticates and waits for `ready`. */
  static async ready(url: string, token: string): Promise<TranscriptionTestClient> {
    const c = await TranscriptionTestClient.connect(url);
    c.sendJson({ type: "auth", token });
    await c.waitFor((m) => m.type === "ready", 10_000);
    return c;
  }

  sendJson(msg: unknown) {
    this.ws.send(JSON.stringify(msg));
  }

  sendAudio(pcm: Buffer) {
    this.ws.send(pcm, { binary: true });
  }

  get isOpen() {
    return this.ws.readyState === WebSocket.OPEN;
  }

  finals(): (Transcript & { sig: string })[] {
    return this.messages.filter(
      (m): m is Transcript & { sig: string } => m.type === "transcript" && m.isFinal,
    );
  }

  ackedIds(): Set<string> {
    return new Set(this.messages.flatMap((m) => (m.type === "ack" ? m.utteranceIds : [])));
  }

  /** Finals this client holds that were never acknowledged: what it re-sends after a reconnect. */
  unacked(): FinalSegment[] {
    const acked = this.ackedIds();
    return this.finals()
      .filter((f) => !acked.has(f.utteranceId))
      .map(asSegment);
  }

  /** The first message matching `pred` (already received or arriving within `ms`). */
  async waitFor(pred: (m: ServerMessage) => boolean, ms = 5_000): Promise<ServerMessage> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.messages.find(pred);
      if (found) return found;
      if (this.ws.readyState === WebSocket.CLOSED) {
        throw new Error(`closed before the expected message; got ${JSON.stringify(this.messages)}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; messages so far ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async waitUntil(cond: () => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`condition not met in ${ms} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close() {
    this.ws.close(1000);
  }
}

/** A received final as the client re-sends it. */
export const asSegment = (f: Transcript & { sig: string }): FinalSegment => ({
  utteranceId: f.utteranceId,
  text: f.text,
  startMs: f.startMs,
  endMs: f.endMs,
  language: f.language,
  confidence: f.confidence,
  sig: f.sig,
});

/** Plays `pcm` in 160 ms chunks at real-time pace (or `speed` times faster). */
export async function streamPcm(
  client: TranscriptionTestClient,
  pcm: Buffer,
  opts: { chunkBytes?: number; speed?: number; stopAfterBytes?: number } = {},
) {
  const chunk = opts.chunkBytes ?? 5120;
  const interval = 160 / (opts.speed ?? 1);
  const end = Math.min(pcm.length, opts.stopAfterBytes ?? pcm.length);
  const started = performance.now();
  for (let off = 0, i = 0; off < end && client.isOpen; off += chunk, i++) {
    client.sendAudio(pcm.subarray(off, Math.min(off + chunk, end)));
    const wait = started + (i + 1) * interval - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}
