import { CaptionConnection, type ConnectionState, type SocketLike } from "./caption-connection";
import type { UnavailableCode } from "../domain/protocol";

/** A CaptionConnection on a fake socket and fake timers, for the connection's unit tests. */
export class FakeSocket implements SocketLike {
  binaryType = "blob";
  readyState = 0;
  sent: (string | ArrayBuffer)[] = [];
  closedWith: number | null = null;
  onopen: SocketLike["onopen"] = null;
  onmessage: SocketLike["onmessage"] = null;
  onclose: SocketLike["onclose"] = null;
  onerror: SocketLike["onerror"] = null;
  constructor(readonly url: string) {}
  send(data: string | ArrayBuffer) {
    if (this.readyState !== 1) throw new Error("not open");
    this.sent.push(data);
  }
  close(code?: number) {
    this.closedWith = code ?? 1000;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(msg: object) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  serverClose(code: number, reason = "") {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  json() {
    return this.sent.filter((d): d is string => typeof d === "string").map((d) => JSON.parse(d));
  }
  binary() {
    return this.sent.filter((d): d is ArrayBuffer => typeof d !== "string");
  }
}

export const flush = () => new Promise((r) => setImmediate(r));
export const tags = (s: FakeSocket) => s.binary().map((b) => new Uint8Array(b)[0]);
export const chunk = (tag: number) => new Uint8Array(5120).fill(tag).buffer;
export const final = (id: string, text = `text ${id}`) => ({
  type: "transcript",
  utteranceId: id,
  text,
  isFinal: true,
  startMs: 0,
  endMs: 100,
  language: "en",
  confidence: 0.9,
  sig: `sig-${id}`,
});

export function harness(
  overrides: {
    fetchToken?: () => Promise<{ token: string; url: string; urls?: string[] }>;
    onLag?: (ms: number) => void;
    onWarning?: (message: string, code: string) => void;
    onDelivery?: (behind: boolean) => void;
    random?: () => number;
  } = {},
) {
  const sockets: FakeSocket[] = [];
  const states: [ConnectionState, string | undefined][] = [];
  const codes: (UnavailableCode | undefined)[] = [];
  const transcripts: unknown[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  let tokens = 0;
  const conn = new CaptionConnection({
    fetchToken:
      overrides.fetchToken ?? (async () => ({ token: `tok-${++tokens}`, url: "ws://127.0.0.1:1/ws" })),
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    onTranscript: (m) => transcripts.push(m),
    onState: (s, reason, code) => {
      states.push([s, reason]);
      codes.push(code);
    },
    onLag: overrides.onLag,
    onWarning: overrides.onWarning,
    onDelivery: overrides.onDelivery,
    maxQueuedChunks: 3,
    backoff: { baseMs: 100, maxMs: 1000 },
    random: overrides.random ?? (() => 1),
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => {},
  });
  const fire = async () => {
    const t = timers.shift();
    if (!t) throw new Error("no timer scheduled");
    t.fn();
    await flush();
  };
  return { conn, sockets, states, codes, transcripts, timers, fire, last: () => sockets.at(-1)! };
}

export async function connectReady(h: ReturnType<typeof harness>) {
  h.conn.start();
  await flush();
  h.last().open();
  h.last().receive({ type: "ready", sessionId: "s", participantId: "p", provider: "x", language: "en" });
}
