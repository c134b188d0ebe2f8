import { CLOSE, shouldReconnect } from "../domain/close-codes";
import type { ClientMessage, FinalSegment, ServerMessage, TranslationOffer } from "../domain/protocol";
import { failoverUrl } from "../domain/ws-urls";
import { LagMeter } from "./caption-lag";

/**
 * The browser side of the transcription socket, free of React and of the Web Audio graph so it can
 * be tested with a fake socket: auth first, audio while ready, pause/resume, finals kept until the
 * server acknowledges them as stored (re-sent after a reconnect), and reconnects with exponential
 * backoff and jitter whenever the close code says a retry can help. With several ws instances, each
 * retry after a lost socket goes to the next instance in the token's list, so the stream (and the
 * unacknowledged finals) carry on there when one instance dies.
 */

/** The subset of the WebSocket API used here (the browser's WebSocket satisfies it). */
export type SocketLike = {
  binaryType: string;
  readyState: number;
  send(data: string | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
};

/**
 * Thrown by `fetchToken` when the token route refused with a reason worth showing: `retry: false`
 * when asking again cannot help (captions off, session ended), true when it may later (not set up,
 * overloaded). Any other error counts as a network failure and is retried quietly.
 */
export class TokenError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
  }
}

export type ConnectionState = "connecting" | "ready" | "reconnecting" | "unavailable" | "stopped";

/**
 * The browser's own account of this stream, saved to the server as caption metrics (never billed):
 * audio chunks that left the browser, final transcripts that came back, reconnects after a first
 * `ready`, and failures (abnormal closes, refused tokens, `unavailable`) with the latest reason.
 */
export type ConnectionCounters = {
  chunksSent: number;
  transcriptsReceived: number;
  reconnects: number;
  errors: number;
  lastError: string | null;
};

export type TranscriptMessage = Extract<ServerMessage, { type: "transcript" }>;
export type TranslationMessage = Extract<ServerMessage, { type: "translation" }>;

export type ConnectionOptions = {
  /** `url` is the picked instance, `urls` (when several) every instance in failover order. */
  fetchToken: () => Promise<{ token: string; url: string; urls?: string[] }>;
  createSocket: (url: string) => SocketLike;
  onTranscript: (msg: TranscriptMessage) => void;
  /** A translation of one of this stream's finals (sent after it). */
  onTranslation?: (msg: TranslationMessage) => void;
  /** On every `ready`: the languages the server translates this session into, or why none. */
  onTranslationOffer?: (offer: TranslationOffer) => void;
  onState: (state: ConnectionState, reason?: string) => void;
  onPaused?: (paused: boolean) => void;
  onWarning?: (message: string) => void;
  /** Speech-to-final lag of each final, in ms (see LagMeter for what it measures). */
  onLag?: (ms: number) => void;
  /** Audio kept while not connected: about 4 s of 160 ms chunks; older audio is dropped first. */
  maxQueuedChunks?: number;
  backoff?: { baseMs: number; maxMs: number };
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
};

const OPEN = 1;
const RESEND_BATCH = 500;

export class CaptionConnection {
  private socket: SocketLike | null = null;
  private ready = false;
  private stopped = false;
  private paused = false;
  private attempt = 0;
  /** Sockets lost so far: each moves the next attempt one instance along the list. */
  private failovers = 0;
  private timer: unknown = null;
  /** Set by an `unavailable` message: reconnects go on quietly while the UI shows the reason. */
  private unavailableReason: string | null = null;
  private readonly queue: ArrayBuffer[] = [];
  /** When each queued chunk was captured, in step with `queue`. */
  private readonly queueAt: number[] = [];
  private readonly lag = new LagMeter();
  private readonly pending = new Map<string, FinalSegment>();
  private readonly maxQueued: number;
  private readonly backoff: { baseMs: number; maxMs: number };
  private readonly random: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  /** Audio chunks dropped because the queue was full while disconnected. */
  dropped = 0;
  readonly counters: ConnectionCounters = {
    chunksSent: 0,
    transcriptsReceived: 0,
    reconnects: 0,
    errors: 0,
    lastError: null,
  };
  private everReady = false;

  constructor(private readonly opts: ConnectionOptions) {
    this.maxQueued = opts.maxQueuedChunks ?? 25;
    this.backoff = opts.backoff ?? { baseMs: 500, maxMs: 15_000 };
    this.random = opts.random ?? Math.random;
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  start(): void {
    this.stopped = false;
    void this.connect("connecting");
  }

  /** Ends the stream for good (leaving the call, captions turned off for the session). */
  stop(): void {
    this.stopped = true;
    this.ready = false;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.queue.length = 0;
    this.queueAt.length = 0;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      detach(socket);
      socket.close(CLOSE.NORMAL.code, CLOSE.NORMAL.reason);
    }
    this.opts.onState("stopped");
  }

  /** One 160 ms PCM16LE chunk. Ignored while paused: nothing of a paused voice leaves the browser. */
  sendAudio(chunk: ArrayBuffer): void {
    if (this.stopped || this.paused) return;
    if (this.ready && this.socket?.readyState === OPEN) {
      this.socket.send(chunk);
      this.counters.chunksSent += 1;
      this.lag.sent(Date.now());
      return;
    }
    this.queue.push(chunk);
    this.queueAt.push(Date.now());
    while (this.queue.length > this.maxQueued) {
      this.queue.shift();
      this.queueAt.shift();
      this.dropped += 1;
    }
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.queue.length = 0;
    this.queueAt.length = 0;
    this.sendMessage({ type: "pause" });
    this.opts.onPaused?.(true);
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.sendMessage({ type: "resume" });
    this.opts.onPaused?.(false);
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Finals received but not yet acknowledged as stored. */
  get unacknowledged(): FinalSegment[] {
    return [...this.pending.values()];
  }

  private sendMessage(msg: ClientMessage): void {
    if (this.ready && this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(msg));
  }

  private async connect(state: ConnectionState): Promise<void> {
    this.timer = null;
    if (!this.unavailableReason) this.opts.onState(state);
    let auth: { token: string; url: string; urls?: string[] };
    try {
      // A fresh token on every attempt: the last one may have expired while we were away.
      auth = await this.opts.fetchToken();
    } catch (err) {
      if (this.stopped) return;
      this.countError(err instanceof Error ? err.message : String(err));
      if (err instanceof TokenError) {
        if (!err.retry) return this.giveUp(err.message);
        // Say why while retrying (e.g. captions not set up yet); a bare network error just retries.
        this.unavailableReason = err.message;
        this.opts.onState("unavailable", err.message);
      }
      return this.scheduleReconnect();
    }
    if (this.stopped) return;
    let socket: SocketLike;
    try {
      socket = this.opts.createSocket(failoverUrl(auth.url, auth.urls, this.failovers));
    } catch {
      this.failovers += 1;
      return this.scheduleReconnect();
    }
    this.socket = socket;
    socket.binaryType = "arraybuffer";
    socket.onopen = () =>
      socket.send(JSON.stringify({ type: "auth", token: auth.token } satisfies ClientMessage));
    socket.onmessage = (ev) => {
      if (typeof ev.data === "string") this.onMessage(ev.data);
    };
    socket.onerror = () => {};
    socket.onclose = (ev) => this.onClose(socket, ev.code, ev.reason);
  }

  private onMessage(raw: string): void {
    let msg: ServerMessage;
    try {
      msg = JSON.parse(raw) as ServerMessage;
    } catch {
      return;
    }
    switch (msg.type) {
      case "ready":
        // Servers from before translation send no offer: nothing is offered then.
        this.opts.onTranslationOffer?.(msg.translation ?? { languages: [] });
        return this.onReady();
      case "translation":
        return this.opts.onTranslation?.(msg);
      case "transcript":
        if (msg.isFinal) this.counters.transcriptsReceived += 1;
        if (msg.isFinal && msg.endMs !== null) {
          const lag = this.lag.final(msg.endMs);
          if (lag !== null) this.opts.onLag?.(lag);
        }
        if (msg.isFinal && msg.sig) {
          this.pending.set(msg.utteranceId, {
            utteranceId: msg.utteranceId,
            text: msg.text,
            startMs: msg.startMs,
            endMs: msg.endMs,
            language: msg.language,
            confidence: msg.confidence,
            sig: msg.sig,
          });
        }
        return this.opts.onTranscript(msg);
      case "ack":
        for (const id of msg.utteranceIds) this.pending.delete(id);
        return;
      case "paused":
      case "resumed":
        return;
      case "unavailable":
        this.countError(msg.reason);
        this.unavailableReason = msg.reason;
        return this.opts.onState("unavailable", msg.reason);
      case "warning":
        return this.opts.onWarning?.(msg.message);
    }
  }

  private onReady(): void {
    const socket = this.socket;
    if (!socket) return;
    this.ready = true;
    if (this.everReady) this.counters.reconnects += 1;
    this.everReady = true;
    this.attempt = 0;
    this.unavailableReason = null;
    const finals = [...this.pending.values()];
    for (let i = 0; i < finals.length; i += RESEND_BATCH) {
      socket.send(
        JSON.stringify({ type: "resend", finals: finals.slice(i, i + RESEND_BATCH) } satisfies ClientMessage),
      );
    }
    if (this.paused) socket.send(JSON.stringify({ type: "pause" } satisfies ClientMessage));
    this.lag.reset(this.queueAt.splice(0));
    for (const chunk of this.queue.splice(0)) {
      socket.send(chunk);
      this.counters.chunksSent += 1;
    }
    this.opts.onState("ready");
  }

  private onClose(socket: SocketLike, code: number, reason: string): void {
    if (socket !== this.socket) return;
    detach(socket);
    this.socket = null;
    this.ready = false;
    if (this.stopped) return;
    this.countError(reason || `closed (${code})`);
    if (!shouldReconnect(code)) return this.giveUp(this.unavailableReason ?? (reason || `closed (${code})`));
    // Refused, dropped or restarting: this instance may be gone, so the retry tries the next one.
    this.failovers += 1;
    if (this.unavailableReason) this.opts.onState("unavailable", this.unavailableReason);
    this.scheduleReconnect();
  }

  private countError(reason: string): void {
    this.counters.errors += 1;
    this.counters.lastError = reason.slice(0, 500);
  }

  private giveUp(reason: string): void {
    this.ready = false;
    this.queue.length = 0;
    this.queueAt.length = 0;
    this.opts.onState("unavailable", reason);
    this.stopped = true;
  }

  /** Exponential backoff with "equal jitter": half the window fixed, half random, so clients spread out. */
  private scheduleReconnect(): void {
    if (this.stopped) return;
    const window = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** this.attempt);
    this.attempt += 1;
    const delay = window / 2 + this.random() * (window / 2);
    if (!this.unavailableReason) this.opts.onState("reconnecting");
    this.timer = this.setTimer(() => void this.connect("reconnecting"), delay);
  }

  /** Failed attempts since the last successful `ready` (drives the backoff window). */
  get attempts(): number {
    return this.attempt;
  }
}

function detach(socket: SocketLike) {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
}
