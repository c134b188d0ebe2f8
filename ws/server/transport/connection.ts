import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type WebSocket from "ws";
import type { RawData } from "ws";
import { CLOSE, type CloseKey } from "@/modules/core/captions/domain/close-codes";
import type { ServerMessage, Unavailable } from "@/modules/core/captions/domain/protocol";
import type { StreamContext } from "@/modules/core/captions/infra/stream-context-repository";
import { BUDGET_USED_UP, BUDGET_WARNING } from "../services/budget-guard";
import { admit } from "./admission";
import { AudioIntake } from "./audio-intake";
import { ClientSocket } from "./client-socket";
import type { ConnectionDeps } from "./connection-deps";
import { frameProblem, parseClientMessage, textFrame } from "./frames";
import { StreamFinals } from "../stream/finals";
import type { ProviderLink } from "../stream/provider-link";
import { SETTINGS } from "../settings";
import { closeRelay, openRelay, type RelayTarget } from "../stream/stream-relay";
import { TextRate } from "./text-rate";
import { translationOffer } from "../stream/translation";

type State = "auth" | "starting" | "open" | "closing" | "closed";

/**
 * One client socket: authenticates it, validates and relays its audio to its provider stream,
 * sends transcripts back, queues finals for storage and acknowledges them once stored.
 */
export class Connection {
  readonly streamId = randomUUID();
  private state: State = "auth";
  private paused = false;
  private draining = false;
  private ctx: StreamContext | null = null;
  private stream: ProviderLink | null = null;
  private log: Logger;
  private readonly audio: AudioIntake;
  private readonly textRate = new TextRate();
  private finals: StreamFinals | null = null;
  private authTimer: NodeJS.Timeout | null;
  private readonly socket: ClientSocket;
  private resolveClosed!: () => void;
  /** Resolves once the socket is closed and the provider stream released. */
  readonly closed = new Promise<void>((r) => (this.resolveClosed = r));

  constructor(
    ws: WebSocket,
    private readonly deps: ConnectionDeps,
  ) {
    this.socket = new ClientSocket(ws, () => this.end("SLOW_CONSUMER"));
    this.audio = new AudioIntake(this.streamId, deps, {
      send: (m) => this.send(m),
      end: (key) => this.end(key),
    });
    this.log = deps.log.child({ streamId: this.streamId });
    deps.metrics.connections.inc();
    this.authTimer = setTimeout(() => this.end("AUTH_TIMEOUT"), SETTINGS.authDeadlineMs);
    ws.on("message", (data, isBinary) => {
      try {
        if (isBinary) this.onAudio(data as Buffer);
        else this.onText(data);
      } catch (err) {
        this.fail("message", err);
      }
    });
    ws.on("error", (err) => {
      deps.metrics.errors.inc({ kind: "socket" });
      this.log.debug({ err }, "socket error");
    });
    ws.on("close", () => void this.cleanup());
  }

  get sessionId(): string {
    return this.ctx?.sessionId ?? "";
  }

  get participantId(): string {
    return this.ctx?.participantId ?? "";
  }

  get isHost(): boolean {
    return this.ctx?.role === "HOST";
  }

  /** The space's budget is used up: this stream stops (the call goes on) and the client says why. */
  budgetExhausted() {
    if (this.state !== "open" && this.state !== "starting") return;
    this.send({ type: "unavailable", code: "budget_used_up", reason: BUDGET_USED_UP });
    this.end("BUDGET_EXHAUSTED");
  }

  budgetWarning() {
    if (this.state === "open")
      this.send({ type: "warning", code: "budget_warning", message: BUDGET_WARNING });
  }

  /** Keepalive tick: a socket that did not answer the previous ping is dead. */
  heartbeat() {
    if (this.state === "closed") return;
    if (!this.socket.ping()) this.deps.metrics.errors.inc({ kind: "dead_socket" });
  }

  /** Storage backpressure: stop reading the socket (TCP pushes back to the browser) and say why. */
  setBackpressure(on: boolean) {
    if (this.state !== "open") return;
    if (on) {
      this.socket.pauseReading();
      this.send({ type: "warning", code: "storage_backlog", message: "Captions are being saved slowly." });
    } else {
      this.socket.resumeReading();
      this.send({ type: "warning", code: "storage_ok", message: "Captions are being saved again." });
    }
  }

  /** Closes the socket with a documented code; the close handler cleans up. */
  end(key: CloseKey) {
    if (this.state === "closing" || this.state === "closed") return;
    this.state = "closing";
    this.clearAuthTimer();
    this.deps.metrics.closes.inc({ reason: key });
    this.log.info({ code: CLOSE[key].code, close: key, sessionId: this.ctx?.sessionId }, "closing socket");
    this.socket.close(key);
  }

  /** Shutdown, step 1: take no more audio and let the provider finish (its last finals arrive). */
  async stopAudio(): Promise<void> {
    this.draining = true;
    await this.releaseStream();
  }

  /** Shutdown, step 3 (after the writer drained): send the acks still waiting. */
  flushAcks() {
    this.finals?.flushAcks();
  }

  private onAudio(pcm: Buffer) {
    if (this.state === "auth") return this.end("AUDIO_BEFORE_AUTH");
    if (this.state !== "open") return;
    const problem = frameProblem(pcm.length);
    if (problem) return this.end(problem);
    if (this.draining || !this.stream) return;
    this.audio.take(pcm, this.stream, this.paused);
  }

  private onText(data: RawData) {
    // Size and rate first: a flood is cut before it costs parsing and signature checks.
    const raw = textFrame(data);
    if (!raw) return this.end("BAD_MESSAGE");
    if (!this.textRate.admit(raw.length, performance.now())) return this.end("RATE_LIMITED");
    const msg = parseClientMessage(raw);
    if (!msg) return this.end("BAD_MESSAGE");
    if (msg.type === "auth") {
      if (this.state !== "auth") return this.end("ALREADY_AUTHENTICATED");
      void this.authenticate(msg.token).catch((err) => this.fail("auth", err));
      return;
    }
    // Anything but auth first is a protocol error; after auth, wait for `ready`.
    if (this.state === "auth") return this.end("BAD_MESSAGE");
    if (this.state !== "open") return;
    if (msg.type === "pause" || msg.type === "resume") {
      this.paused = msg.type === "pause";
      if (this.paused) this.stream?.pause();
      this.audio.resetMic();
      this.log.info({ paused: this.paused }, "transcription paused/resumed by participant");
      this.send({ type: this.paused ? "paused" : "resumed" });
      return;
    }
    // Only finals this server made for this participant of this session come back in.
    if (!this.finals!.resend(msg.finals, this.textRate)) {
      this.deps.metrics.errors.inc({ kind: "resend_forged" });
      return this.end("BAD_MESSAGE");
    }
    this.log.info({ finals: msg.finals.length }, "client re-sent unacknowledged finals");
  }

  private async authenticate(token: string) {
    this.clearAuthTimer();
    this.state = "starting";
    const admitted = await admit(this.deps, token);
    if (this.state !== "starting") return;
    if ("close" in admitted) return this.end(admitted.close);
    const { ctx } = admitted;
    this.ctx = ctx;
    this.log = this.log.child({ sessionId: ctx.sessionId, participantId: ctx.participantId });
    if ("unavailable" in admitted) return this.unavailable(admitted.unavailable);
    const budget = await this.deps.budget.admit(ctx.sessionId);
    if (budget === "exhausted") return this.budgetExhausted();
    if (this.state !== "starting") return;
    const provider = admitted.provider;
    const translation = translationOffer(provider, ctx.language);
    const stream = await openRelay(this.deps, this.relayTarget(), provider, {
      language: ctx.language,
      translation,
      vocabulary: ctx.vocabulary,
    });
    if ("unavailable" in stream) return this.unavailable(stream.unavailable);
    this.stream = stream;
    this.audio.meter(provider.name);
    if (this.state !== "starting") return void this.releaseStream();
    this.deps.usage.open({
      streamId: this.streamId,
      videoSessionId: ctx.sessionId,
      participantId: ctx.participantId,
      userId: ctx.userId,
      provider: provider.name,
      pricePerMinute: provider.pricePerMinute,
    });
    this.finals = new StreamFinals(ctx, this.deps, (m) => this.send(m), provider.name);
    this.deps.directory.join(this);
    this.state = "open";
    void this.deps.streams.claim(this);
    this.send({
      type: "ready",
      sessionId: ctx.sessionId,
      participantId: ctx.participantId,
      provider: provider.name,
      language: ctx.language,
      translation,
    });
    this.deps.budget.join(this, budget === "warn");
    // Joining while storage is backed up: read nothing until it drains, like everyone else.
    if (this.deps.writer.saturated) this.setBackpressure(true);
  }

  private relayTarget(): RelayTarget {
    return {
      streamId: this.streamId,
      log: this.log,
      paused: () => this.paused,
      finals: () => this.finals,
      send: (m) => this.send(m),
      unavailable: (why) => this.unavailable(why),
      lagOf: (endMs) => this.audio.lagOf(endMs),
    };
  }

  private send(msg: ServerMessage) {
    this.socket.send(msg);
  }

  private unavailable({ code, reason }: Unavailable) {
    this.send({ type: "unavailable", code, reason });
    this.end("PROVIDER_UNAVAILABLE");
  }

  private fail(where: string, err: unknown) {
    this.deps.metrics.errors.inc({ kind: `internal_${where}` });
    this.log.error({ err }, "connection error");
    this.end("INTERNAL");
  }

  private clearAuthTimer() {
    if (this.authTimer) clearTimeout(this.authTimer);
    this.authTimer = null;
  }

  private async releaseStream() {
    const stream = this.stream;
    if (!stream) return;
    this.stream = null;
    await closeRelay(stream, this.deps.metrics, this.log);
  }

  private async cleanup() {
    if (this.state === "closed") return;
    this.state = "closed";
    this.clearAuthTimer();
    this.audio.dispose();
    this.socket.dispose();
    this.deps.metrics.connections.dec();
    this.deps.directory.leave(this);
    this.deps.budget.leave(this);
    this.deps.streams.release(this);
    try {
      // The provider's last final (for speech just before the close) is still stored.
      await this.releaseStream();
    } finally {
      this.deps.usage.end(this.streamId);
      void this.deps.received?.end(this.streamId);
      this.resolveClosed();
    }
  }
}
