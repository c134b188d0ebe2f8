import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { bytesPerSecond, readBody, rid, validate, waitFlushed } from "./gladia-standin-helpers";
import { transcribe } from "./gladia-standin-transcripts";

/**
 * A local stand-in for Gladia's real-time API v2, speaking its documented protocol:
 * - `POST /v2/live` with `x-gladia-key` and the session config → 201 `{ id, created_at, url }`;
 *   a wrong key → 401, an unsupported config → 400 with `validation_errors`, both as JSON with
 *   `statusCode` and `message` (the shape the SDK's HttpError reads);
 * - the WebSocket at `url` takes binary PCM frames and answers each with an `audio_chunk`
 *   acknowledgment whose `byte_range`/`time_range` count from the start of the session;
 * - `transcript` messages (`data.id`, `data.is_final`, `data.utterance{start,end,text,language,confidence}`)
 *   come from a script of utterances placed at byte offsets of the audio (how the test WAV was
 *   built): partials as the audio of an utterance arrives, the final once all of it has;
 * - `realtime_processing.custom_vocabulary` is checked against the documented shape (a bad one is
 *   400) and every init body is kept in `initRequests`, so tests see what a session asked for;
 * - a session opened with `realtime_processing.translation` gets, after each final, one
 *   `translation` message per target language (`data.utterance_id` = the final's `data.id`,
 *   `utterance`, `original_language`, `target_language`, `translated_utterance`); the stand-in's
 *   "translation" is `fakeTranslation(language, text)`;
 * - `{"type":"stop_recording"}` → the utterance in flight is finalized, then the stop_recording
 *   acknowledgment, `end_recording`, `end_session` and close 1000;
 * - reconnecting to the same URL resumes the session (docs: "reconnect to that same URL and resume").
 *
 * Faults on demand: drop the socket at N bytes (audio after the last acknowledgment is lost,
 * as the protocol says it may be, so the client must re-send it), slow acknowledgments, slow or
 * failing init answers, a rejected audio chunk, a server-side close with any code.
 * `audio(id)` is every byte the session accepted, in order: tests compare it with what was sent.
 */

export type ScriptedUtterance = { text: string; startByte: number; endByte: number };

export type StandInBehaviour = {
  /** Delay before answering POST /v2/live. */
  initDelayMs: number;
  /** Answers for the next POSTs, used up in order before normal service resumes. */
  initFailures: { status: number; body: Record<string, unknown> }[];
  /** Drop the socket (no close frame) once the session has accepted this many bytes; each used once. */
  dropAfterBytes: number[];
  /** Delay before each acknowledgment. */
  ackDelayMs: number;
  /** Answer the next audio chunk with `acknowledged: false` and this error. */
  rejectNextChunk: string | null;
  /** Close the socket with this code once the session has accepted `afterBytes` bytes. */
  closeWith: { afterBytes: number; code: number; reason: string } | null;
};

export type Session = {
  id: string;
  token: string;
  config: Record<string, any>;
  chunks: Buffer[];
  bytes: number;
  /** Audio that arrived but was lost with a dropped socket (the client must send it again). */
  discardedBytes: number;
  connections: number;
  socket: WebSocket | null;
  /** Per utterance: how many partial steps were sent, and whether the final was. */
  progress: { partials: number; final: boolean }[];
  ended: boolean;
};

export async function startGladiaStandIn(opts: { apiKey: string; script?: ScriptedUtterance[] }) {
  const script = opts.script ?? [];
  const sessions = new Map<string, Session>();
  const behaviour: StandInBehaviour = {
    initDelayMs: 0,
    initFailures: [],
    dropAfterBytes: [],
    ackDelayMs: 0,
    rejectNextChunk: null,
    closeWith: null,
  };
  const initRequests: { key: string | undefined; body: unknown }[] = [];

  const http = createServer((req, res) => void handleHttp(req, res));
  const wss = new WebSocketServer({ noServer: true });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const base = `127.0.0.1:${(http.address() as AddressInfo).port}`;

  async function handleHttp(req: IncomingMessage, res: ServerResponse) {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? "/", `http://${base}`);
    if (req.method !== "POST" || url.pathname !== "/v2/live") {
      return reply(404, { statusCode: 404, message: "Cannot find route" });
    }
    const raw = await readBody(req);
    const key = req.headers["x-gladia-key"] as string | undefined;
    let body: Record<string, any>;
    try {
      body = JSON.parse(raw);
    } catch {
      return reply(400, { statusCode: 400, message: "Body is not valid JSON" });
    }
    initRequests.push({ key, body });
    if (behaviour.initDelayMs > 0) await new Promise((r) => setTimeout(r, behaviour.initDelayMs));
    if (res.destroyed) return;
    const failure = behaviour.initFailures.shift();
    if (failure) return reply(failure.status, { statusCode: failure.status, ...failure.body });
    if (key !== opts.apiKey) {
      return reply(401, { statusCode: 401, message: "Invalid or missing x-gladia-key", request_id: rid() });
    }
    const problems = validate(body);
    if (problems.length > 0) {
      return reply(400, {
        statusCode: 400,
        message: "Invalid request parameters",
        validation_errors: problems,
        request_id: rid(),
      });
    }
    const id = randomUUID();
    const token = randomUUID();
    sessions.set(token, {
      id,
      token,
      config: body,
      chunks: [],
      bytes: 0,
      discardedBytes: 0,
      connections: 0,
      socket: null,
      progress: script.map(() => ({ partials: 0, final: false })),
      ended: false,
    });
    reply(201, { id, created_at: new Date().toISOString(), url: `ws://${base}/v2/live?token=${token}` });
  }

  http.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", `http://${base}`);
    const session =
      url.pathname === "/v2/live" ? sessions.get(url.searchParams.get("token") ?? "") : undefined;
    if (!session || session.ended) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(session, ws));
  });

  function attach(session: Session, ws: WebSocket) {
    // One live socket per session: a reconnect replaces the previous one.
    session.socket?.terminate();
    session.socket = ws;
    session.connections++;
    let dropping = false;
    let queue = Promise.resolve();
    const send = (msg: Record<string, unknown>) => {
      if (ws.readyState === ws.OPEN) {
        ws.send(JSON.stringify({ session_id: session.id, created_at: new Date().toISOString(), ...msg }));
      }
    };

    ws.on("message", (data, isBinary) => {
      // Handled one by one in arrival order, also when acknowledgments are slowed down.
      queue = queue.then(() => (isBinary ? onAudio(data as Buffer) : onText(data.toString())));
    });
    ws.on("close", () => {
      if (session.socket === ws) session.socket = null;
    });

    async function onAudio(chunk: Buffer) {
      // After a drop is decided nothing more is accepted: what was not acknowledged is lost.
      if (dropping || session.ended || ws.readyState !== ws.OPEN) {
        session.discardedBytes += chunk.length;
        return;
      }
      if (behaviour.ackDelayMs > 0) await new Promise((r) => setTimeout(r, behaviour.ackDelayMs));
      if (dropping || ws.readyState !== ws.OPEN) {
        session.discardedBytes += chunk.length;
        return;
      }
      const dropAt = behaviour.dropAfterBytes[0];
      if (dropAt !== undefined && session.bytes + chunk.length >= dropAt) {
        // The chunk that crosses the mark is lost with the socket, never acknowledged.
        behaviour.dropAfterBytes.shift();
        dropping = true;
        session.discardedBytes += chunk.length;
        // Let the acknowledgments already sent reach the client, then vanish without a close frame.
        await waitFlushed(ws);
        ws.terminate();
        return;
      }
      if (behaviour.rejectNextChunk) {
        const message = behaviour.rejectNextChunk;
        behaviour.rejectNextChunk = null;
        return send({ type: "audio_chunk", acknowledged: false, error: { message }, data: null });
      }
      const start = session.bytes;
      session.chunks.push(Buffer.from(chunk));
      session.bytes += chunk.length;
      const bps = bytesPerSecond(session.config);
      send({
        type: "audio_chunk",
        acknowledged: true,
        error: null,
        data: { byte_range: [start, session.bytes], time_range: [start / bps, session.bytes / bps] },
      });
      transcribe(script, session, send, false);

      const close = behaviour.closeWith;
      if (close && session.bytes >= close.afterBytes) {
        behaviour.closeWith = null;
        await waitFlushed(ws);
        ws.close(close.code, close.reason);
      }
    }

    async function onText(text: string) {
      let msg: { type?: string };
      try {
        msg = JSON.parse(text);
      } catch {
        return send({ type: "error", error: { message: "Invalid JSON message" } });
      }
      if (msg.type !== "stop_recording") return;
      transcribe(script, session, send, true);
      const duration = session.bytes / bytesPerSecond(session.config);
      send({
        type: "stop_recording",
        acknowledged: true,
        error: null,
        data: { recording_duration: duration, recording_left_to_process: 0 },
      });
      send({ type: "end_recording", data: { recording_duration: duration } });
      send({ type: "end_session" });
      session.ended = true;
      await waitFlushed(ws);
      ws.close(1000, "Session ended");
    }
  }

  return {
    url: `http://${base}`,
    behaviour,
    initRequests,
    sessions: () => [...sessions.values()],
    /** Every byte the session accepted, in order. */
    audio: (sessionId: string) => {
      const s = [...sessions.values()].find((x) => x.id === sessionId);
      if (!s) throw new Error(`no session ${sessionId}`);
      return Buffer.concat(s.chunks);
    },
    /** Drop every live socket now, as a network failure would. */
    dropAll() {
      for (const s of sessions.values()) s.socket?.terminate();
    },
    async close() {
      for (const s of sessions.values()) s.socket?.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export type GladiaStandIn = Awaited<ReturnType<typeof startGladiaStandIn>>;
