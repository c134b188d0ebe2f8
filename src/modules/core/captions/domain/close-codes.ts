/**
 * Every WebSocket close code the transcription server uses, in one place (shared by the ws server,
 * which sends them, and the browser client, which decides from them whether to reconnect).
 * 4000–4099: about this client (its messages, token, session, budget or streams); 4100–4199: the
 * server or a dependency cannot serve now. Whether the client reconnects (with backoff and a fresh
 * token) is each code's `retry`, not its range: 4001, 4003, 4015 and 4016 are retried because a new
 * attempt can succeed; codes unknown to the client are retried too (`shouldReconnect`).
 */
export const CLOSE = {
  /** Normal end: the client said goodbye or the session ended while connected. */
  NORMAL: { code: 1000, reason: "bye", retry: false },
  /** The server is shutting down (SIGTERM) after flushing; reconnect (to another instance). */
  GOING_AWAY: { code: 1001, reason: "server shutting down", retry: true },

  BAD_MESSAGE: { code: 4000, reason: "malformed message", retry: false },
  AUTH_TIMEOUT: { code: 4001, reason: "not authenticated in time", retry: true },
  TOKEN_INVALID: { code: 4002, reason: "token signature invalid", retry: false },
  TOKEN_EXPIRED: { code: 4003, reason: "token expired", retry: true },
  TOKEN_AUDIENCE: { code: 4004, reason: "token audience invalid", retry: false },
  /** Unknown participant, or one who left the call or was removed from a members-only space. */
  NOT_PARTICIPANT: { code: 4005, reason: "not a participant of this session", retry: false },
  SESSION_ENDED: { code: 4006, reason: "session ended", retry: false },
  CAPTIONS_DISABLED: { code: 4007, reason: "captions are off for this session", retry: false },
  FRAME_TOO_SMALL: { code: 4008, reason: "audio frame under 100 bytes", retry: false },
  FRAME_TOO_LARGE: { code: 4009, reason: "audio frame over 64 KB", retry: false },
  FRAME_ODD_LENGTH: { code: 4010, reason: "audio frame of odd length", retry: false },
  // 4011 is retired (it was "more than 50 audio frames in one second", not retried, which cut off
  // real browsers flushing a backlog); not reused, so an old client's "do not retry" stays harmless.
  AUDIO_BEFORE_AUTH: { code: 4012, reason: "audio before authentication", retry: false },
  ALREADY_AUTHENTICATED: { code: 4013, reason: "authenticated twice", retry: false },
  /**
   * The space's monthly transcription budget is used up: an `unavailable` message with the reason
   * comes first. Not retried (the budget does not come back until an owner raises it or the month
   * turns); a page reload asks again.
   */
  BUDGET_EXHAUSTED: { code: 4014, reason: "transcription budget used up", retry: false },
  /**
   * This participant opened too many caption streams in the last minute (on any ws instance).
   * Retried: the client's backoff outlasts the window.
   */
  STREAM_OPENS_EXCEEDED: { code: 4015, reason: "too many caption streams opened in a minute", retry: true },
  /**
   * Audio well above real time for many seconds (after the burst allowance and the dropped excess
   * the server tolerates), or a flood of text messages: nothing a client catching up does.
   * Retried with backoff: the new socket starts with a fresh allowance and is cut again if it goes on.
   */
  RATE_LIMITED: { code: 4016, reason: "sending faster than real time for too long", retry: true },
  /**
   * A newer caption stream of the same participant (another tab or device, on any ws instance)
   * took over. Not retried: two tabs must not keep taking the stream from each other.
   */
  REPLACED: { code: 4017, reason: "captions moved to another tab or device", retry: false },

  SLOW_CONSUMER: { code: 4100, reason: "client too slow to read", retry: true },
  PROVIDER_UNAVAILABLE: { code: 4101, reason: "captions unavailable", retry: true },
  // 4102 (OVERLOADED) was reserved and never sent; not reused. Unknown codes are retried anyway.
  INTERNAL: { code: 4103, reason: "internal error", retry: true },
} as const;

export type CloseKey = keyof typeof CLOSE;
export type CloseSpec = (typeof CLOSE)[CloseKey];

const byCode = new Map<number, CloseSpec>(Object.values(CLOSE).map((c) => [c.code, c]));

/** Whether a client should reconnect after this close code (unknown codes: yes, with backoff). */
export function shouldReconnect(code: number): boolean {
  return byCode.get(code)?.retry ?? true;
}
