import type {
  CaptionLagStatus,
  ServerMessage,
  UnavailableCode,
  WarningCode,
  TranslationOffer,
} from "../domain/protocol";
import type { ReconnectOptions } from "./reconnect-policy";

/*
 * What a CaptionConnection is given by its host (the socket and token ports, the callbacks it
 * reports through) and what it reports. Kept apart from the connection's state machine: this is
 * all a host needs to read to wire one up. Import it from caption-connection.ts, which re-exports it.
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
  /** `code`: the server's `unavailable` code, when that is why captions stopped (decide by it, not by `reason`). */
  onState: (state: ConnectionState, reason?: string, code?: UnavailableCode) => void;
  onPaused?: (paused: boolean) => void;
  /** `code` is typed per kind (e.g. MicWarningCode); `message` is the server's English line. */
  onWarning?: (message: string, code: WarningCode) => void;
  /** Speech-to-final lag of each final, in ms (see LagMeter for what it measures). */
  onLag?: (ms: number) => void;
  /** The recognizer's lag state for this stream ("live" again on every new stream). */
  onRecognizer?: (state: CaptionLagStatus) => void;
  /**
   * True while this browser's own audio is more than `deliveryBudgetMs` behind: sent but not yet
   * heard by the server (a stalled network) or still held in the backlog (replaying after a
   * reconnect); false once it is within it again, or on a new socket.
   */
  onDelivery?: (behind: boolean) => void;
  deliveryBudgetMs?: number;
  /** Audio kept while not connected: about 4 s of 160 ms chunks; older audio is dropped first. */
  maxQueuedChunks?: number;
} & ReconnectOptions;
