import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import WebSocket, { type RawData } from "ws";
import type {
  SttProvider,
  SttStream,
  ProviderTranscript,
} from "@/modules/core/transcription/application/stt-provider";
import { AppError } from "@/modules/core/shared/domain/errors";
import { audioSeconds, FRAME_LIMITS } from "@/modules/core/transcription/domain/audio";
import { CLOSE, type CloseKey } from "@/modules/core/transcription/domain/close-codes";
import {
  clientMessage,
  type FinalSegment,
  type ServerMessage,
} from "@/modules/core/transcription/domain/protocol";
import type { segmentSigner } from "@/modules/core/transcription/infra/segment-signature";
import type { SegmentWriter } from "@/modules/core/transcription/infra/segment-writer";
import type { StreamContext } from "@/modules/core/transcription/infra/stream-context-repository";
import { verifyTranscriptionToken } from "@/modules/core/transcription/infra/transcription-token";
import type { Metrics } from "./metrics";
import type { SessionDirectory } from "./session-directory";
import { SETTINGS } from "./settings";
import type { UsageMeter } from "./usage-meter";

export type ConnectionDeps = {
  secret: string;
  signer: ReturnType<typeof segmentSigner>;
  /** null: no provider can work here; clients are told why (`unavailableReason`). */
  provider: SttProvider | null;
  unavailableReason: string;
  pricePerMinute(provider: string): number;
  directory: SessionDirectory;
  writer: SegmentWriter;
  usage: UsageMeter;
  metrics: Metrics;
  log: Logger;
  /** Relay hook for benchmarks: frame receipt time (performance.now()) and the frame. */
  onRelay?(receivedAt: number, pcm: Buffer): void;
};

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
  private alive = true;
  private ctx: StreamContext | null = null;
  private stream: SttStream | null = null;
  private providerName = "none";
  private audioCounter: { inc(v: number): void } | null = null;
  private log: Logger;
  private readonly frameTimes = new Float64Array(FRAME_LIMITS.maxChunksPerSecond).fill(-Infinity);
  private frameIndex = 0;
  private acks: string[] = [];
  private authTimer: NodeJS.Timeout | null;
  private killTimer: NodeJS.Timeout | null = null;
  private resolveClosed!: () => void;
  /** Resolves once the socket is closed and the provider stream released. */
  readonly closed = new Promise<void>((r) => (this.resolveClosed = r));

  constructor(
    private readonly ws: WebSocket,
    private readonly deps: ConnectionDeps,
  ) {
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
    ws.on("pong", () => (this.alive = true));
    ws.on("error", (err) => {
      deps.metrics.errors.inc({ kind: "socket" });
      this.log.debug({ err }, "socket error");
    });
    ws.on("close", () => void this.cleanup());
  }

  get sessionId(): string {
    return this.ctx?.sessionId ?? "";
  }

  /** Keepalive tick: a socket that did not answer the previous ping is dead. */
  heartbeat() {
    if (this.state === "closed") return;
    if (!this.alive) {
      this.deps.metrics.errors.inc({ kind: "dead_socket" });
      this.ws.terminate();
      return;
    }
    // While reading is paused for backpressure, pongs cannot be read either.
    if (this.ws.isPaused) return;
    this.alive = false;
    this.ws.ping();
  }

  /** Storage backpressure: stop reading the socket (TCP pushes back to the browser) and say why. */
  setBackpressure(on: boolean) {
    if (this.state !== "open") return;
    if (on) {
      this.ws.pause();
      this.send({ type: "warning", code: "storage_backlog", message: "Captions are being saved slowly." });
    } else {
      this.alive = true;
      this.ws.resume();
      this.send({ type: "warning", code: "storage_ok", message: "Captions are being saved again." });
    }
  }

  /** Closes the socket with a documented code; the close handler cleans up. */
  end(key: CloseKey) {
    if (this.state === "closing" || this.state === "closed") return;
    this.state = "closing";
    this.clearAuthTimer();
    const spec = CLOSE[key];
    this.deps.metrics.closes.inc({ reason: key });
    this.log.info({ code: spec.code, close: key, sessionId: this.ctx?.sessionId }, "closing socket");
    this.ws.close(spec.code, spec.reason);
    // A client that never answers the close handshake (or never reads) is cut off.
    this.killTimer = setTimeout(() => this.ws.terminate(), 2_000);
    this.killTimer.unref();
  }

  /** Shutdown, step 1: take no more audio and let the provider finish (its last finals arrive). */
  async stopAudio(): Promise<void> {
    this.draining = true;
    await this.releaseStream();
  }

  /** Shutdown, step 3 (after the writer drained): send the acks still waiting. */
  flushAcks() {
    if (!this.acks.length) return;
    const utteranceIds = this.acks;
    this.acks = [];
    this.send({ type: "ack", utteranceIds });
  }

  private onAudio(pcm: Buffer) {
    if (this.state === "auth") return this.end("AUDIO_BEFORE_AUTH");
    if (this.state !== "open") return;
    if (pcm.length < FRAME_LIMITS.minBytes) return this.end("FRAME_TOO_SMALL");
    if (pcm.length > FRAME_LIMITS.maxBytes) return this.end("FRAME_TOO_LARGE");
    if (pcm.length % 2 !== 0) return this.end("FRAME_ODD_LENGTH");
    const now = performance.now();
    if (this.overRate(now)) return this.end("RATE_EXCEEDED");
    if (this.draining || !this.stream) return;
    this.deps.metrics.frames.inc();
    this.audioCounter?.inc(audioSeconds(pcm.length));
    this.deps.usage.record(this.streamId, pcm.length, !this.paused);
    if (this.paused) return;
    this.stream.write(pcm);
    this.deps.onRelay?.(now, pcm);
  }

  private onText(data: RawData) {
    const raw = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
    if (raw.length > SETTINGS.maxTextBytes) return this.end("BAD_MESSAGE");
    let json: unknown;
    try {
      json = JSON.parse(raw.toString("utf8"));
    } catch {
      return this.end("BAD_MESSAGE");
    }
    const parsed = clientMessage.safeParse(json);
    if (!parsed.success) return this.end("BAD_MESSAGE");
    const msg = parsed.data;
    if (msg.type === "auth") {
      if (this.state !== "auth") return this.end("ALREADY_AUTHENTICATED");
      void this.authenticate(msg.token).catch((err) => this.fail("auth", err));
      return;
    }
    // Anything but auth first is a protocol error; after auth, wait for `ready`.
    if (this.state === "auth") return this.end("BAD_MESSAGE");
    if (this.state !== "open") return;
    // Control messages share the frame budget: a flood of pause/resume is no cheaper to serve.
    if (this.overRate(performance.now())) return this.end("RATE_EXCEEDED");
    if (msg.type === "pause" || msg.type === "resume") {
      this.paused = msg.type === "pause";
      this.log.info({ paused: this.paused }, "transcription paused/resumed by participant");
      this.send({ type: this.paused ? "paused" : "resumed" });
      return;
    }
    this.resend(msg.finals);
  }

  /** Whether this message exceeds 50 in a second: the one `maxChunksPerSecond` messages ago is under a second old. */
  private overRate(now: number): boolean {
    if (now - this.frameTimes[this.frameIndex]! < 1000) return true;
    this.frameTimes[this.frameIndex] = now;
    this.frameIndex = (this.frameIndex + 1) % this.frameTimes.length;
    return false;
  }

  private async authenticate(token: string) {
    this.clearAuthTimer();
    this.state = "starting";
    const check = verifyTranscriptionToken(this.deps.secret, token);
    if (!check.ok) return this.end(check.close);
    const { sessionId, participantId } = check.claims;
    const ctx = await this.deps.directory.context(sessionId, participantId);
    if (this.state !== "starting") return;
    if (!ctx) return this.end("NOT_PARTICIPANT");
    if (ctx.status === "ENDED") return this.end("SESSION_ENDED");
    if (!ctx.transcriptionEnabled) return this.end("CAPTIONS_DISABLED");
    this.ctx = ctx;
    this.log = this.log.child({ sessionId, participantId });

    const provider = this.deps.provider;
    const unsupported = provider ? provider.unsupportedReason(ctx.language) : this.deps.unavailableReason;
    if (!provider || unsupported) return this.unavailable(unsupported ?? this.deps.unavailableReason);
    let stream: SttStream;
    try {
      stream = await provider.openStream({
        language: ctx.language,
        streamId: this.streamId,
        onTranscript: (t) => this.onTranscript(t),
        onError: (e) => {
          this.deps.metrics.errors.inc({ kind: `provider_${e.code}` });
          this.log.warn({ code: e.code, retryable: e.retryable }, "provider stream error");
          if (e.retryable) this.send({ type: "warning", code: e.code, message: e.reason });
          else this.unavailable(e.reason);
        },
      });
    } catch (err) {
      this.deps.metrics.errors.inc({ kind: "provider_open" });
      this.log.warn({ err }, "provider stream did not open");
      return this.unavailable(
        err instanceof AppError ? err.userMessage : "the speech recognizer could not start",
      );
    }
    this.stream = stream;
    this.providerName = provider.name;
    // Resolved once: a labelled lookup per frame costs more than the rest of the relay.
    this.audioCounter = this.deps.metrics.audioSeconds.labels(provider.name);
    this.deps.metrics.streams.inc();
    if (this.state !== "starting") return void this.releaseStream();
    this.deps.usage.open({
      streamId: this.streamId,
      videoSessionId: ctx.sessionId,
      participantId: ctx.participantId,
      userId: ctx.userId,
      provider: provider.name,
      pricePerMinute: this.deps.pricePerMinute(provider.name),
    });
    this.deps.directory.join(this);
    this.state = "open";
    this.send({
      type: "ready",
      sessionId: ctx.sessionId,
      participantId: ctx.participantId,
      provider: provider.name,
      language: ctx.language,
    });
  }

  private onTranscript(t: ProviderTranscript) {
    const ctx = this.ctx;
    if (!ctx) return;
    // Nothing said while paused is shown or stored, including an utterance the pause cut short.
    if (this.paused) {
      this.deps.metrics.transcripts.inc({ kind: "dropped_paused" });
      return;
    }
    const seg = {
      utteranceId: `${this.streamId}:${t.id}`,
      text: t.text,
      startMs: t.startMs === null ? null : Math.max(0, Math.round(t.startMs)),
      endMs: t.endMs === null ? null : Math.max(0, Math.round(t.endMs)),
      language: t.language,
      confidence: t.confidence === null ? null : Math.min(1, Math.max(0, t.confidence)),
    };
    if (!t.isFinal) {
      this.deps.metrics.transcripts.inc({ kind: "partial" });
      this.send({ type: "transcript", ...seg, isFinal: false });
      return;
    }
    if (!seg.text.trim()) return;
    this.deps.metrics.transcripts.inc({ kind: "final" });
    const sig = this.deps.signer.sign(ctx.sessionId, ctx.participantId, seg);
    this.send({ type: "transcript", ...seg, isFinal: true, sig });
    this.log.debug({ utteranceId: seg.utteranceId, chars: seg.text.length }, "final");
    this.store(ctx, seg, this.providerName);
  }

  private resend(finals: FinalSegment[]) {
    const ctx = this.ctx!;
    // Only finals this server made for this participant of this session come back in.
    if (!finals.every((f) => this.deps.signer.verify(ctx.sessionId, ctx.participantId, f))) {
      this.deps.metrics.errors.inc({ kind: "resend_forged" });
      return this.end("BAD_MESSAGE");
    }
    this.log.info({ finals: finals.length }, "client re-sent unacknowledged finals");
    for (const final of finals) {
      const { sig, ...seg } = final;
      void sig;
      this.store(ctx, seg, this.providerName);
    }
  }

  private store(ctx: StreamContext, seg: Omit<FinalSegment, "sig">, provider: string) {
    const accepted = this.deps.writer.add({
      videoSessionId: ctx.sessionId,
      participantId: ctx.participantId,
      provider,
      ...seg,
      onStored: () => this.queueAck(seg.utteranceId),
    });
    if (!accepted) {
      this.deps.metrics.errors.inc({ kind: "writer_full" });
      this.send({ type: "warning", code: "storage_full", message: "Captions will be saved later." });
    }
  }

  private queueAck(utteranceId: string) {
    this.acks.push(utteranceId);
    if (this.acks.length === 1) setImmediate(() => this.flushAcks());
  }

  private send(msg: ServerMessage) {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > SETTINGS.maxOutgoingBytes) return this.end("SLOW_CONSUMER");
    this.ws.send(JSON.stringify(msg));
  }

  private unavailable(reason: string) {
    this.send({ type: "unavailable", reason });
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
    let timeout: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        stream.close(),
        new Promise((_, reject) => {
          timeout = setTimeout(
            () => reject(new Error("provider close timed out")),
            SETTINGS.providerCloseTimeoutMs,
          );
        }),
      ]);
    } catch (err) {
      this.deps.metrics.errors.inc({ kind: "provider_close" });
      this.log.warn({ err }, "provider stream did not close cleanly");
    } finally {
      clearTimeout(timeout);
      this.deps.metrics.streams.dec();
    }
  }

  private async cleanup() {
    if (this.state === "closed") return;
    this.state = "closed";
    this.clearAuthTimer();
    if (this.killTimer) clearTimeout(this.killTimer);
    this.deps.metrics.connections.dec();
    this.deps.directory.leave(this);
    try {
      // The provider's last final (for speech just before the close) is still stored.
      await this.releaseStream();
    } finally {
      this.deps.usage.end(this.streamId);
      this.resolveClosed();
    }
  }
}
