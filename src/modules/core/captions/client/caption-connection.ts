import { CLOSE, shouldReconnect } from "../domain/close-codes";
import type { ClientMessage, FinalSegment, ServerMessage, UnavailableCode } from "../domain/protocol";
import { failoverUrl } from "../domain/ws-urls";
import { AudioBacklog, PacedReplay, UnackedFinals } from "./caption-buffers";
import {
  TokenError,
  type ConnectionCounters,
  type ConnectionOptions,
  type ConnectionState,
  type SocketLike,
} from "./caption-connection-options";
import { DeliveryWatch } from "./caption-delivery";
import { LagMeter } from "./caption-lag";
import { ReconnectPolicy } from "./reconnect-policy";

// The contract travels with the connection it describes: hosts import both from here.
export {
  TokenError,
  type ConnectionCounters,
  type ConnectionOptions,
  type ConnectionState,
  type SocketLike,
  type TranscriptMessage,
  type TranslationMessage,
} from "./caption-connection-options";

const OPEN = 1;

/**
 * The browser side of the transcription socket, free of React and of the Web Audio graph so it can
 * be tested with a fake socket: auth first, audio while ready, pause/resume, finals kept until the
 * server acknowledges them as stored (re-sent after a reconnect), and reconnects with exponential
 * backoff and jitter whenever the close code says a retry can help. With several ws instances, each
 * retry after a lost socket goes to the next instance in the token's list, so the stream (and the
 * unacknowledged finals) carry on there when one instance dies.
 */

export class CaptionConnection {
  private socket: SocketLike | null = null;
  private ready = false;
  private stopped = false;
  private paused = false;
  /** Sockets lost so far: each moves the next attempt one instance along the list. */
  private failovers = 0;
  /** Set by an `unavailable` message: reconnects go on quietly while the UI shows the reason. */
  private unavailableReason: string | null = null;
  private unavailableCode: UnavailableCode | undefined;
  private readonly backlog: AudioBacklog;
  private readonly replay: PacedReplay;
  private readonly lag = new LagMeter();
  private readonly pending = new UnackedFinals();
  private readonly retries: ReconnectPolicy;
  private readonly delivery: DeliveryWatch;
  readonly counters: ConnectionCounters = {
    chunksSent: 0,
    transcriptsReceived: 0,
    reconnects: 0,
    errors: 0,
    lastError: null,
  };
  private everReady = false;

  constructor(private readonly opts: ConnectionOptions) {
    this.backlog = new AudioBacklog(opts.maxQueuedChunks ?? 25);
    this.retries = new ReconnectPolicy(opts);
    this.delivery = new DeliveryWatch(opts.onDelivery, opts.deliveryBudgetMs);
    this.replay = new PacedReplay(this.backlog, {
      set: opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms)),
      clear: opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)),
    });
  }

  start(): void {
    this.stopped = false;
    void this.connect("connecting");
  }

  /** Ends the stream for good (leaving the call, captions turned off for the session). */
  stop(): void {
    this.stopped = true;
    this.ready = false;
    this.retries.cancel();
    this.replay.stop();
    this.backlog.clear();
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
    // While a backlog is being replayed, live audio queues behind it.
    if (this.ready && this.socket?.readyState === OPEN && !this.backlog.size) {
      this.sendChunk(this.socket, chunk, Date.now());
    } else {
      this.backlog.push(chunk, Date.now());
    }
    this.checkDelivery();
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.backlog.clear();
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
    return this.pending.list();
  }

  /** Audio chunks dropped because the backlog was full while disconnected. */
  get dropped(): number {
    return this.backlog.dropped;
  }

  private sendMessage(msg: ClientMessage): void {
    if (this.ready && this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(msg));
  }

  private async connect(state: ConnectionState): Promise<void> {
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
        this.unavailableCode = undefined;
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
        this.pending.keep(msg);
        return this.opts.onTranscript(msg);
      case "ack":
        this.pending.ack(msg.utteranceIds);
        return;
      case "heard":
        this.lag.heard(msg.audioMs);
        return this.checkDelivery();
      case "paused":
      case "resumed":
        return;
      case "unavailable":
        this.countError(msg.reason);
        this.unavailableReason = msg.reason;
        this.unavailableCode = msg.code;
        return this.opts.onState("unavailable", msg.reason, msg.code);
      case "warning":
        return this.opts.onWarning?.(msg.message, msg.code);
      case "caption_status":
        return this.opts.onRecognizer?.(msg.state);
    }
  }

  private onReady(): void {
    const socket = this.socket;
    if (!socket) return;
    this.ready = true;
    if (this.everReady) this.counters.reconnects += 1;
    this.everReady = true;
    this.retries.reset();
    this.unavailableReason = null;
    this.unavailableCode = undefined;
    this.opts.onRecognizer?.("live");
    for (const resend of this.pending.resendMessages()) socket.send(JSON.stringify(resend));
    if (this.paused) socket.send(JSON.stringify({ type: "pause" } satisfies ClientMessage));
    this.lag.reset([]);
    this.delivery.clear();
    this.replay.start((chunk, capturedAt) => this.sendChunk(socket, chunk, capturedAt));
    this.opts.onState("ready");
  }

  private sendChunk(socket: SocketLike, chunk: ArrayBuffer, capturedAt: number): void {
    socket.send(chunk);
    this.counters.chunksSent += 1;
    this.lag.sent(capturedAt);
  }

  /** Only while ready: a lost or opening socket already says so by its state. */
  private checkDelivery(): void {
    if (this.ready) this.delivery.check(this.lag.unheardAge(), this.backlog.oldestAt, Date.now());
  }

  private onClose(socket: SocketLike, code: number, reason: string): void {
    if (socket !== this.socket) return;
    detach(socket);
    this.socket = null;
    this.ready = false;
    this.delivery.clear();
    this.replay.stop();
    if (this.stopped) return;
    this.countError(reason || `closed (${code})`);
    if (!shouldReconnect(code)) {
      return this.giveUp(this.unavailableReason ?? (reason || `closed (${code})`), this.unavailableCode);
    }
    // Refused, dropped or restarting: this instance may be gone, so the retry tries the next one.
    this.failovers += 1;
    if (this.unavailableReason)
      this.opts.onState("unavailable", this.unavailableReason, this.unavailableCode);
    this.scheduleReconnect();
  }

  private countError(reason: string): void {
    this.counters.errors += 1;
    this.counters.lastError = reason.slice(0, 500);
  }

  private giveUp(reason: string, code?: UnavailableCode): void {
    this.ready = false;
    this.backlog.clear();
    this.opts.onState("unavailable", reason, code);
    this.stopped = true;
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    if (!this.unavailableReason) this.opts.onState("reconnecting");
    this.retries.schedule(() => void this.connect("reconnecting"));
  }

  /** Failed attempts since the last successful `ready` (drives the backoff window). */
  get attempts(): number {
    return this.retries.attempts;
  }
}

function detach(socket: SocketLike) {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
}
