/**
 * Every timing, size and retry knob of the ws process in one place, so tuning one does not mean
 * hunting through the connection, writer and server code.
 */
export const SETTINGS = {
  /** A socket must send `auth` within this long after opening. */
  authDeadlineMs: 5_000,
  /** ws rejects larger messages itself (close 1009); frames up to this size get our own close codes. */
  maxPayloadBytes: 1024 * 1024,
  /** Longest text message (auth, resend with 500 finals) a client may send. */
  maxTextBytes: 512 * 1024,
  /** Ping every connection this often; one that has not answered the previous ping is terminated. */
  keepaliveMs: 15_000,
  /** `heard` (audio received so far) goes to a client at most this often while its audio arrives. */
  heardEveryMs: 1_000,
  /** Bytes buffered towards a client that does not read before it gets SLOW_CONSUMER. */
  maxOutgoingBytes: 1024 * 1024,
  /**
   * Audio per stream, in bytes (PCM16LE mono 16 kHz = 32,000 B/s), see audio-rate.ts. The burst
   * covers a browser that stalled for 10 s and flushes its chunks at once, plus the client's own
   * 4 s reconnect backlog; over it audio is dropped (not billed) and the client warned; closed
   * (RATE_LIMITED, retryable) once 10 s of audio was dropped faster than 0.5× real time forgives.
   */
  audioRate: {
    bytesPerSecond: 48_000,
    burstBytes: 15 * 32_000,
    abuseDroppedBytes: 10 * 32_000,
    forgivenBytesPerSecond: 16_000,
    warnEveryMs: 5_000,
  },
  /**
   * Text messages per socket, charged before parsing (text-rate.ts): one token per started 64 KB,
   * so a full-size `resend` costs 9; past the bucket the socket is closed (RATE_LIMITED). Re-sent
   * finals: 5,000 at once (a long outage's backlog), then 50 a second; the excess is refused.
   */
  textRate: {
    messageTokens: 60,
    messageTokensPerSecond: 5,
    bytesPerToken: 64 * 1024,
    resendFinals: 5_000,
    resendFinalsPerSecond: 50,
  },
  /** Caption streams one participant may open per minute, across instances (see stream-opens.ts). */
  streamOpensPerMinute: 20,
  /** Live caption streams per participant, across instances; a newer one replaces the oldest. */
  streamsPerParticipant: 1,
  /** Session/participant lookups are cached this long. */
  lookupCacheMs: 5_000,
  /** Sessions with connected sockets are re-read this often to notice ENDED / captions off / left. */
  sessionRecheckMs: 2_000,
  /**
   * A participant whose departure (LiveKit `participant_left`) is older than this loses captions.
   * LiveKit reports a departure only after its own reconnect window, and a rejoin clears it; the
   * grace keeps a reload (left, then joined a moment later) from cutting the new caption socket.
   */
  leftGraceMs: 30_000,
  /** How long a stream's close (the provider's last final) may take at shutdown or disconnect. */
  providerCloseTimeoutMs: 5_000,
  writer: {
    flushIntervalMs: 300,
    /** Flush at once when this many finals are waiting; also the most rows in one statement. */
    maxBatch: 500,
    /** Above this many pending finals, clients are told to slow down and audio reading stops. */
    highWater: 5_000,
    /** Hard bound on memory: finals beyond it are refused (the client keeps and re-sends them). */
    maxPending: 20_000,
  },
  usage: {
    /** Metering rows are upserted this often, so a killed process loses at most this much. */
    flushIntervalMs: 5_000,
  },
  /**
   * The recognizer this process serves is announced to the web process (caption_recognizers) this
   * often; the web counts a process as running for RECOGNIZER_FRESH_SECONDS (45 s) after.
   */
  announceRecognizerEveryMs: 15_000,
  /**
   * The local recognizer's latency budget per stream, in ms of queued audio (see
   * docs/ARCHITECTURE.md "Recognizer lag budget"): in flight to the worker at most, the target lag
   * (over it partials are shed: "delayed"), the hard bound (over it held audio is dropped and the
   * worker skips to live audio: "catching up"). A new stream is "busy" when every worker has more
   * than `busyMs` queued. A closing stream's drain must end before providerCloseTimeoutMs.
   */
  pocketsphinx: {
    /** Decoders per worker process (each holds the ~90 MB model while lent); the idle ones kept loaded. */
    maxDecodersPerWorker: 4,
    idleDecoders: 2,
    lag: { inFlightMs: 1_000, targetMs: 2_000, boundMs: 5_000 },
    busyMs: 5_000,
    drainTimeoutMs: 4_000,
  },
  /** Whisper workers use the same lag budget and drain as `pocketsphinx` above. */
  whisper: {
    /** STT_PROVIDER=auto picks Whisper only with this much free memory per worker (tiny.en measured ~250 MB). */
    memoryPerWorkerMb: 300,
    /** CTranslate2 threads per decode: one worker per core (STT_WORKERS) already fills the cores. */
    threadsPerWorker: 1,
    /** Greedy partials at most this often (65–85 ms CPU each with tiny.en); the final is a beam search. */
    partialIntervalMs: 480,
  },
  /** Server-side speech gate (STT_GATING=on): only speech, with its edges, reaches the provider. */
  gate: {
    /** STT_VAD unset: Silero behind WebRTC's VAD (docs/benchmarks.md "Speech gate: which VAD"). */
    engine: "silero" as "webrtc" | "silero",
    /** Silero: a 32 ms window at or above this speech probability is speech. */
    sileroThreshold: 0.5,
    /** WebRTC VAD judges 10, 20 or 30 ms frames. */
    frameMs: 20 as 10 | 20 | 30,
    preRollMs: 320,
    hangoverMs: 640,
    /**
     * No audio for this long ends a burst as its hangover would (a muted microphone sends nothing,
     * so the hangover never passes). Far over a chunk's 160 ms: a starved browser that stops
     * sending for a second or two mid-sentence must not have the sentence cut (and mis-heard).
     */
    quietMs: 3_000,
    minVoicedShare: 0.5,
    onsetChunks: 2,
    /** Gated audio held while a provider stream re-opens; beyond it the oldest is dropped (not billed). */
    maxHeldBytes: 10 * 32_000,
  },
  /**
   * Microphone health (mic-silence.ts): a stream whose received audio has no sample above
   * `peakFloor` (about -66 dBFS; a working microphone's noise floor in a quiet room is -60 to -50)
   * for `afterMs` gets the `mic_silent` warning. Paused streams are not judged; muted ones send nothing.
   */
  micSilence: { afterMs: 10_000, peakFloor: 16 },
  /** Database retries (writer, usage): exponential backoff with full jitter. */
  retry: { initialMs: 100, maxMs: 5_000, factor: 2 },
  /** SIGTERM: give up on draining after this long and exit anyway. */
  shutdownTimeoutMs: 20_000,
  /**
   * WS_PROCESSES > 1 (primary.ts): a crashed worker is forked again after the backoff, which grows
   * with each crash of its slot in a row; a worker that ran `stableMs` resets its slot's count.
   * Past `maxRestarts` crashes in a row the primary stops the instance (exit 1) for its supervisor.
   */
  cluster: {
    restart: { initialMs: 500, maxMs: 30_000, factor: 2 },
    stableMs: 60_000,
    maxRestarts: 10,
  },
} as const;

/** Delay before retry number `attempt` (0-based). */
export function backoffMs(
  attempt: number,
  retry: { initialMs: number; maxMs: number; factor: number } = SETTINGS.retry,
): number {
  const ceiling = Math.min(retry.maxMs, retry.initialMs * retry.factor ** attempt);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
