"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { ErrorMessages } from "@/i18n/messages/en";
import {
  CaptionConnection,
  TokenError,
  type ConnectionState,
  type SocketLike,
  type TranscriptMessage,
  type TranslationMessage,
} from "@/modules/core/captions/client/caption-connection";
import type { UnavailableCode } from "@/modules/core/captions/domain/protocol";
import { CaptionMetricsReporter, postCaptionMetrics } from "@/modules/core/captions/client/caption-metrics";
import type { CaptionLagStatus, TranslationOffer } from "@/modules/core/captions/domain/protocol";
import { captionsApi } from "@/modules/core/captions/api/contract";
import { callApi } from "../use-api";

/** `code`: the ws server's `unavailable` code, when that is why captions stopped. */
export type CaptionStatus = { state: ConnectionState; reason?: string; code?: UnavailableCode };

/** 408, 429, 5xx and no answer at all may pass; any other refusal (captions off, ended) will not. */
const retryable = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

/**
 * This participant's caption socket to the ws server (caption-connection.ts) and the browser's
 * own account of it (saved every 15 s and as the page goes away), with what the server says as
 * state. `onTranscript` and `onTranslation` must keep their identity: a new one opens a new socket.
 */
export function useCaptionSocket(opts: {
  slug: string;
  enabled: boolean;
  errors: ErrorMessages;
  onTranscript: (m: TranscriptMessage) => void;
  onTranslation: (m: TranslationMessage) => void;
}) {
  const { slug, enabled, errors, onTranscript, onTranslation } = opts;
  const [status, setStatus] = useState<CaptionStatus>({ state: enabled ? "connecting" : "stopped" });
  const [paused, setPaused] = useState(false);
  const [sessionOff, setSessionOff] = useState(false);
  const [recognizer, setRecognizer] = useState<CaptionLagStatus>("live");
  const [lagMs, setLagMs] = useState<number | null>(null);
  // This browser's audio is reaching the server late (a stalled network, a backlog replaying).
  const [slowNetwork, setSlowNetwork] = useState(false);
  // The ws server's mic_silent / mic_ok (mic-silence.ts): it sees what actually arrives.
  const [micSilent, setMicSilent] = useState(false);
  const [offer, setOffer] = useState<TranslationOffer | null>(null);
  const conn = useRef<CaptionConnection | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const connection = new CaptionConnection({
      fetchToken: async () => {
        const res = await callApi(captionsApi.captionsToken, { params: { slug }, json: {} }, errors);
        if (res.ok) return res.data;
        if (res.code === "captions_disabled") setSessionOff(true);
        if (res.status === 0 || (res.status !== 503 && retryable(res.status))) throw new Error(res.message);
        throw new TokenError(res.message, retryable(res.status));
      },
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      onTranscript,
      onTranslation,
      onTranslationOffer: setOffer,
      onState: (state, reason, code) => {
        setStatus({ state, reason, code });
        // A new socket judges the microphone afresh.
        setMicSilent(false);
      },
      onRecognizer: setRecognizer,
      onDelivery: setSlowNetwork,
      onPaused: (p) => {
        setPaused(p);
        // The server forgets its silent run on pause and sends no mic_ok after it.
        setMicSilent(false);
      },
      onWarning: (_message, code) => {
        if (code === "mic_silent" || code === "mic_ok") setMicSilent(code === "mic_silent");
      },
      // Rounded so a steady lag does not resend the caption state on every final.
      onLag: (ms) => setLagMs(Math.round(ms / 100) * 100),
    });
    conn.current = connection;
    connection.start();
    const metrics = new CaptionMetricsReporter({
      slug,
      counters: () => connection.counters,
      send: postCaptionMetrics,
    });
    metrics.start();
    const onPageHide = (e: PageTransitionEvent) => metrics.pageHidden(e.persisted);
    window.addEventListener("pagehide", onPageHide);
    return () => {
      window.removeEventListener("pagehide", onPageHide);
      connection.stop();
      metrics.stop();
      conn.current = null;
    };
  }, [enabled, slug, errors, onTranscript, onTranslation]);

  const sendAudio = useCallback((chunk: ArrayBuffer) => conn.current?.sendAudio(chunk), []);
  const pause = useCallback((next: boolean) => {
    const connection = conn.current;
    if (!connection) return;
    if (next) connection.pause();
    else connection.resume();
  }, []);
  /** Capture failed (no audio graph in this browser, a device error): nothing can reach the server. */
  const fail = useCallback((reason: string) => setStatus({ state: "unavailable", reason }), []);

  return {
    status,
    paused,
    sessionOff,
    // Late audio is late captions whatever the recognizer says: the room sees "delayed" too.
    recognizer: slowNetwork && recognizer === "live" ? ("delayed" as const) : recognizer,
    slowNetwork,
    lagMs,
    micSilent,
    offer,
    sendAudio,
    pause,
    fail,
  };
}
