"use client";

import type { DisconnectReason } from "livekit-client";
import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import { format } from "@/i18n/format";
import type { Locale } from "@/i18n/config";
import type { Messages } from "@/i18n/messages/en";
import type { NotesText } from "@/i18n/messages/notes";
import type { LobbyText } from "@/i18n/messages/lobby";
import { PendingButton, buttonClass } from "../ui";
import { lobbyApi, sessionsApi } from "@/modules/core/sessions/api/contract";
import { callApi } from "../use-api";
import { CallView } from "./call-view";
import { CloseTab } from "./close-tab";
import { GuestsKnockItem } from "./guests-knock-item";
import { LobbyNotice } from "./lobby-notice";
import { Lobby } from "./lobby-wait";
import { PeopleInCall } from "./people-in-call";
import { connectFailure, outcomeForApiError, outcomeForDisconnect, type Outcome } from "./outcomes";
import { DEFAULT_CHOICES, type MediaChoices } from "./media-choices";
import { PreJoin } from "./pre-join";
import { Focused, OutcomeScreen } from "./outcome-screen";
import { beingRecorded } from "../recording/being-recorded";
import type { ActiveRecording } from "../recording/recording-state";
import type { CaptionAvailability } from "@/modules/core/captions/domain/caption-languages";

export type RoomSession = {
  slug: string;
  title: string;
  spaceName: string;
  maxParticipants: number | null;
  canEnd: boolean;
  /** Whether every guest asks first; null when the session does not allow guests. */
  guestsKnock: boolean | null;
  /** This visitor is outside the space and will knock: pre-join says so before Join. */
  asksFirst: boolean;
  signedIn: boolean;
  /** The signed-in user's name, or the name this guest joined with before (a reload). */
  name: string;
  /** ISO; null before anyone joined. */
  startedAt: string | null;
  recording: { canRecord: boolean; allowed: boolean; active: ActiveRecording | null };
  /** Whether captions run here (off, or why not): the call and its end screen say so. */
  captions: CaptionAvailability;
};

type Props = {
  session: RoomSession;
  back: { href: string; label: string };
  locale: Locale;
  t: Messages["call"];
  tRecording: Messages["recording"];
  tLobby: LobbyText;
  tPeople: Messages["people"];
  errors: Messages["errors"];
  /** The end screen's links to the call's transcript and analysis. */
  tNotes: NotesText["end"];
};

type Phase =
  | { kind: "prejoin" }
  | { kind: "call"; token: string; url: string }
  // A guest past what the link lets in without asking waits for the host (the lobby).
  | { kind: "lobby"; initial: "waiting" | "denied"; attempt: number }
  | Outcome;

/** The session page's client side: pre-join → join + token → call → one of the outcome screens. */
export function SessionRoom({
  session,
  back,
  locale,
  t,
  tRecording,
  tLobby,
  tPeople,
  errors,
  tNotes,
}: Props) {
  const { slug } = session;
  const [phase, setPhase] = useState<Phase>({ kind: "prejoin" });
  // Disconnect events arrive after we have already moved on (our own unmount disconnects too).
  const phaseRef = useRef<Phase>(phase);
  const go = useCallback((next: Phase) => {
    phaseRef.current = next;
    setPhase(next);
  }, []);
  const [pending, setPending] = useState(false);
  const [joinError, setJoinError] = useState<string | null>(null);
  const [choices, setChoices] = useState<MediaChoices>(DEFAULT_CHOICES);
  const [name, setName] = useState(session.name);
  const leaving = useRef(false);
  // Each knock starts the lobby afresh (asking again after a cancel).
  const attempts = useRef(0);
  // Consent: whoever joins while the call is recorded has been told so on the pre-join screen.
  const [toldRecording, setToldRecording] = useState(session.recording.active !== null);
  // Held here, not in the menu: Radix unmounts the menu's items whenever it closes.
  const [guestsKnock, setGuestsKnock] = useState(session.guestsKnock);

  async function join(nextChoices: MediaChoices, nextName: string): Promise<void> {
    setPending(true);
    setJoinError(null);
    setChoices(nextChoices);
    setName(nextName);
    const joined = await callApi(
      sessionsApi.join,
      { params: { slug }, json: session.signedIn ? {} : { displayName: nextName } },
      errors,
    );
    if (!joined.ok) {
      if (joined.code === "knock_required" || joined.code === "lobby_waiting")
        return knock(nextChoices, nextName);
      setPending(false);
      if (joined.code === "lobby_denied")
        go({ kind: "lobby", initial: "denied", attempt: ++attempts.current });
      else if (joined.status === 400 || joined.status === 422) {
        setJoinError(joined.message);
        go({ kind: "prejoin" });
      } else go(outcomeForApiError(joined));
      return;
    }
    if (!toldRecording && (await beingRecorded(slug, errors))) {
      setPending(false);
      setToldRecording(true);
      return go({ kind: "prejoin" });
    }
    const issued = await callApi(sessionsApi.token, { params: { slug } }, errors);
    setPending(false);
    if (!issued.ok) return go(outcomeForApiError(issued));
    leaving.current = false;
    go({ kind: "call", token: issued.data.token, url: issued.data.url });
  }
  const rejoin = () => void join(choices, name);

  /** Asks the host to let this guest in; past the per-address bound, says how long to wait. */
  async function knock(nextChoices: MediaChoices, nextName: string): Promise<void> {
    const res = await callApi(lobbyApi.knock, { params: { slug }, json: { displayName: nextName } }, errors);
    setPending(false);
    if (res.ok) {
      const { status } = res.data.knock;
      if (status === "ADMITTED") return join(nextChoices, nextName);
      return go({
        kind: "lobby",
        initial: status === "DENIED" ? "denied" : "waiting",
        attempt: ++attempts.current,
      });
    }
    if (res.code === "rate_limited") {
      const minutes = Math.max(1, Math.ceil((res.retryAfterSeconds ?? 60) / 60));
      setJoinError(format(tLobby.tooMany, { minutes }));
      return go({ kind: "prejoin" });
    }
    go(outcomeForApiError(res));
  }
  const onEnded = useCallback(() => go({ kind: "ended" }), [go]);

  /** Moves to `outcome`, or — when the disconnect alone does not say — asks the API if it ended. */
  const settle = useCallback(
    async (outcome: Outcome | null) => {
      if (phaseRef.current.kind !== "call") return;
      if (outcome) return go(outcome);
      const res = await callApi(sessionsApi.get, { params: { slug } }, errors);
      if (phaseRef.current.kind !== "call") return;
      const ended = res.ok ? res.data.session.status === "ENDED" : res.status === 404;
      go(ended ? { kind: "ended" } : { kind: "lost" });
    },
    [slug, errors, go],
  );

  const onDisconnected = useCallback(
    (reason?: DisconnectReason) => void settle(outcomeForDisconnect(reason, leaving.current)),
    [settle],
  );
  const onError = useCallback(
    (err: Error) => {
      const failure = connectFailure(err);
      if (failure === "ignore" || failure === "media") return;
      if (failure === "check") return void settle(null);
      const url = phaseRef.current.kind === "call" ? phaseRef.current.url : "";
      void settle({
        kind: "unavailable",
        message: format(t.unavailable.connectFailed, { reason: failure.reason, url }),
      });
    },
    [settle, t],
  );

  const context = format(t.inSpace, { space: session.spaceName });
  const joining = { slug, title: session.title, context, startedAt: session.startedAt, locale };
  // Someone without an account has no page of ours to go back to: the start page asks to sign in.
  const backLink = session.signedIn ? (
    <Link href={back.href} className={buttonClass("secondary")}>
      {back.label}
    </Link>
  ) : (
    <CloseTab label={tLobby.close} hint={tLobby.closeHint} />
  );
  const retry = (label: string) => (
    <PendingButton onClick={rejoin} pending={pending} pendingLabel={t.joining}>
      {label}
    </PendingButton>
  );

  switch (phase.kind) {
    case "prejoin":
      return (
        <PreJoin
          joining={joining}
          title={session.title}
          context={context}
          askName={!session.signedIn}
          defaultName={name}
          pending={pending}
          error={joinError}
          onJoin={(c, n) => void join(c, n)}
          recordingNotice={toldRecording ? tRecording.prejoinNotice : null}
          people={<PeopleInCall slug={slug} onEnded={onEnded} t={tLobby} errors={errors} />}
          askFirst={session.asksFirst ? { notice: tLobby.hostAdmits, button: tLobby.askToJoin } : null}
          t={t}
        />
      );
    case "lobby":
      return (
        <Focused key={phase.attempt}>
          <Lobby
            slug={slug}
            title={session.title}
            name={name}
            initial={phase.initial}
            onAdmitted={rejoin}
            onEnded={onEnded}
            askAgain={retry(tLobby.askAgain)}
            wayOut={backLink}
            t={tLobby}
            errors={errors}
          />
        </Focused>
      );
    case "call":
      return (
        <CallView
          token={phase.token}
          url={phase.url}
          choices={choices}
          slug={slug}
          title={session.title}
          context={context}
          joining={joining}
          canEnd={session.canEnd}
          captions={session.captions}
          recording={{ ...session.recording, initial: session.recording.active, t: tRecording }}
          onLeave={() => (leaving.current = true)}
          onEnded={onEnded}
          onDisconnected={onDisconnected}
          lobby={session.canEnd && <LobbyNotice slug={slug} t={tLobby} errors={errors} />}
          hostMenu={
            session.canEnd &&
            guestsKnock !== null && (
              <GuestsKnockItem slug={slug} on={guestsKnock} onChange={setGuestsKnock} t={tLobby} />
            )
          }
          onError={onError}
          locale={locale}
          t={t}
          tPeople={tPeople}
          errors={errors}
        />
      );
    default:
      return (
        <OutcomeScreen
          outcome={phase}
          session={session}
          retry={retry}
          backLink={backLink}
          t={t}
          tPeople={tPeople}
          tNotes={tNotes}
          errors={errors}
        />
      );
  }
}
