"use client";

import type { CaptionLagStatus } from "@/modules/core/transcription/domain/protocol";
import { useLocalParticipant, useRoomContext } from "@livekit/components-react";
import { TrackEvent } from "livekit-client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ErrorMessages } from "@/i18n/messages/en";
import {
  CaptionConnection,
  TokenError,
  type ConnectionState,
  type SocketLike,
  type TranscriptMessage,
  type TranslationMessage,
} from "@/modules/core/transcription/client/caption-connection";
import { deriveCaptionHealth, type CaptionState } from "@/modules/core/transcription/client/caption-health";
import {
  CaptionMetricsReporter,
  postCaptionMetrics,
} from "@/modules/core/transcription/client/caption-metrics";
import { transcriptionApi } from "@/modules/core/transcription/api/contract";
import { callApi } from "../use-api";
import { startPcmCapture, type PcmCapture } from "./audio-capture";
import type { TranslationOffer } from "@/modules/core/transcription/domain/protocol";
import {
  TRANSCRIPTION_ATTR,
  TRANSCRIPTION_TOPIC,
  TRANSLATION_ATTR,
  TRANSLATION_TOPIC,
} from "../call/room-protocol";
import type { CaptionLine } from "./caption-feed";
import { withTranslation, type Translations } from "./caption-translation";
import { lineKey } from "./live-text";
const MAX_LINES = 2000;

export type CaptionStatus = { state: ConnectionState; reason?: string };

/** 408, 429, 5xx and no answer at all may pass; any other refusal (captions off, ended) will not. */
const retryable = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

/**
 * This participant's own captions: the microphone goes to the ws server while the mic is on and
 * transcription is not paused; transcripts come back, are shown here directly, and are published
 * into the room as `lk.transcription` text streams for everyone else. Translations of these finals
 * are kept here and relayed on TRANSLATION_TOPIC (see caption-translation.ts).
 */
export function useOwnCaptions(opts: { slug: string; enabled: boolean; errors: ErrorMessages }) {
  const { slug, enabled, errors } = opts;
  const room = useRoomContext();
  const { microphoneTrack, isMicrophoneEnabled } = useLocalParticipant();
  const [lines, setLines] = useState<CaptionLine[]>([]);
  const [status, setStatus] = useState<CaptionStatus>({ state: enabled ? "connecting" : "stopped" });
  const [paused, setPausedState] = useState(false);
  const [sessionOff, setSessionOff] = useState(false);
  const [recognizer, setRecognizer] = useState<CaptionLagStatus>("live");
  const [lagMs, setLagMs] = useState<number | null>(null);
  // The ws server's mic_silent / mic_ok (mic-silence.ts): it sees what actually arrives.
  const [micSilent, setMicSilent] = useState(false);
  const [offer, setOffer] = useState<TranslationOffer | null>(null);
  const [translations, setTranslations] = useState<Translations>({});
  const conn = useRef<CaptionConnection | null>(null);
  const trackSid = useRef("");
  const publishing = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef(new Map<string, number>());
  const seq = useRef(0);

  /** Sends one transcript into the room; sends are chained, and a partial already superseded is skipped. */
  const publish = useCallback(
    (m: TranscriptMessage) => {
      const n = ++seq.current;
      latest.current.set(m.utteranceId, n);
      publishing.current = publishing.current.then(async () => {
        if (!m.isFinal && latest.current.get(m.utteranceId) !== n) return;
        if (m.isFinal) latest.current.delete(m.utteranceId);
        await room.localParticipant
          .sendText(m.text, {
            topic: TRANSCRIPTION_TOPIC,
            attributes: {
              [TRANSCRIPTION_ATTR.segmentId]: m.utteranceId,
              [TRANSCRIPTION_ATTR.trackId]: trackSid.current,
              [TRANSCRIPTION_ATTR.final]: String(m.isFinal),
            },
          })
          .catch(() => {});
      });
    },
    [room],
  );

  const onTranslation = useCallback(
    (m: TranslationMessage) => {
      setTranslations((prev) => withTranslation(prev, room.localParticipant.identity, m));
      // After the final's own stream in the chain, so nobody gets a translation before its line.
      publishing.current = publishing.current.then(() =>
        room.localParticipant
          .sendText(m.text, {
            topic: TRANSLATION_TOPIC,
            attributes: {
              [TRANSLATION_ATTR.segmentId]: m.utteranceId,
              [TRANSLATION_ATTR.language]: m.language,
              // Others admit a translation only from the sender of the mic track it names.
              [TRANSLATION_ATTR.trackId]: trackSid.current,
            },
          })
          .then(
            () => {},
            () => {},
          ),
      );
    },
    [room],
  );

  const onTranscript = useCallback(
    (m: TranscriptMessage) => {
      const now = Date.now();
      const identity = room.localParticipant.identity;
      const name = room.localParticipant.name || identity;
      setLines((prev) => {
        const i = prev.findIndex((l) => l.id === m.utteranceId);
        const line: CaptionLine = {
          key: lineKey(identity, m.utteranceId),
          id: m.utteranceId,
          speakerIdentity: identity,
          speakerName: name,
          text: m.text,
          final: m.isFinal,
          at: i >= 0 ? prev[i]!.at : now,
          updatedAt: now,
          local: true,
        };
        if (i >= 0) return prev.map((l, j) => (j === i ? line : l));
        return [...prev, line].slice(-MAX_LINES);
      });
      publish(m);
    },
    [room, publish],
  );

  useEffect(() => {
    if (!enabled) return;
    const connection = new CaptionConnection({
      fetchToken: async () => {
        const res = await callApi(transcriptionApi.captionsToken, { params: { slug }, json: {} }, errors);
        if (res.ok) return res.data;
        if (res.code === "captions_disabled") setSessionOff(true);
        if (res.status === 0 || (res.status !== 503 && retryable(res.status))) throw new Error(res.message);
        throw new TokenError(res.message, retryable(res.status));
      },
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      onTranscript,
      onTranslation,
      onTranslationOffer: setOffer,
      onState: (state, reason) => {
        setStatus({ state, reason });
        // A new socket judges the microphone afresh.
        setMicSilent(false);
      },
      onRecognizer: setRecognizer,
      onPaused: (p) => {
        setPausedState(p);
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
    // The browser's own account of this stream, saved every 15 s and as the page goes away.
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

  // A device switch restarts the LiveKit track with a new MediaStreamTrack: capture follows it.
  const [restarts, setRestarts] = useState(0);
  const track = microphoneTrack?.track;
  useEffect(() => {
    if (!track) return;
    const bump = () => setRestarts((n) => n + 1);
    track.on(TrackEvent.Restarted, bump);
    return () => void track.off(TrackEvent.Restarted, bump);
  }, [track]);

  const mediaTrack = track?.mediaStreamTrack;
  // No audio graph while nothing could take the audio: captions off, refused, or unavailable for now.
  const accepting =
    status.state === "connecting" || status.state === "ready" || status.state === "reconnecting";
  const capturing =
    enabled && accepting && !paused && isMicrophoneEnabled && !microphoneTrack?.isMuted && !!mediaTrack;
  useEffect(() => {
    if (!capturing || !mediaTrack) return;
    trackSid.current = microphoneTrack?.trackSid ?? "";
    let capture: PcmCapture | null = null;
    let cancelled = false;
    startPcmCapture(mediaTrack, (chunk) => conn.current?.sendAudio(chunk))
      .then((c) => (cancelled ? c.stop() : (capture = c)))
      .catch((err: Error) => setStatus({ state: "unavailable", reason: err.message || err.name }));
    return () => {
      cancelled = true;
      capture?.stop();
    };
  }, [capturing, mediaTrack, microphoneTrack?.trackSid, restarts]);

  // Sent to the room (use-caption-states.ts): the host's participants panel and the pause marker.
  const health = deriveCaptionHealth({
    enabled: enabled && !sessionOff,
    connection: status.state,
    reason: status.reason,
    paused,
    micOn: isMicrophoneEnabled && !microphoneTrack?.isMuted,
    recognizer,
  });
  // Muted: nothing is sent, so the flag waits; a muted microphone is not a silent one.
  const micSilentNow = micSilent && capturing && health.state === "streaming";
  const captionState: CaptionState = useMemo(
    () => ({
      state: health.state,
      ...(health.reason ? { reason: health.reason } : {}),
      lagMs,
      paused,
      ...(micSilentNow ? { mic: "silent" as const } : {}),
    }),
    [health.state, health.reason, lagMs, paused, micSilentNow],
  );

  const setPaused = useCallback((next: boolean) => {
    const connection = conn.current;
    if (!connection) return;
    if (next) connection.pause();
    else connection.resume();
  }, []);

  return {
    lines,
    status,
    recognizer,
    paused,
    setPaused,
    capturing,
    sessionOff,
    offer,
    translations,
    captionState,
    micSilent: micSilentNow,
  };
}
