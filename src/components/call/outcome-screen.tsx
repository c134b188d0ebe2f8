"use client";

import Link from "next/link";
import { useEffect, useRef, type ReactNode } from "react";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import type { NotesText } from "@/i18n/messages/notes";
import { buttonClass } from "../ui";
import { NotesLinks } from "./notes-links";
import type { Outcome } from "./outcomes";
import { CallScreen, endedBody } from "./screens";
import type { RoomSession } from "./session-room";

/** The screen that replaces the call once it is over for this person, or could not start. */
export function OutcomeScreen({
  outcome,
  session,
  retry,
  backLink,
  t,
  tPeople,
  tNotes,
  errors,
}: {
  outcome: Outcome;
  session: RoomSession;
  /** A button that joins again, labelled for this screen. */
  retry: (label: string) => ReactNode;
  /** Back to the space, or Close for someone without an account. */
  backLink: ReactNode;
  t: Messages["call"];
  tPeople: Messages["people"];
  tNotes: NotesText["end"];
  errors: Messages["errors"];
}) {
  const { slug } = session;
  switch (outcome.kind) {
    case "removed":
      // No way back in from here: the server refuses this person a join and a token for the session.
      return (
        <Focused>
          <CallScreen
            title={tPeople.removed.title}
            body={tPeople.removed.body}
            context={session.title}
            tone="warning"
          >
            {backLink}
          </CallScreen>
        </Focused>
      );
    case "ended":
      return (
        <Focused>
          <CallScreen title={t.ended.title} body={endedBody(session.captions, t)} context={session.title}>
            {session.captions === "on" && <NotesLinks slug={slug} t={tNotes} errors={errors} />}
            {backLink}
          </CallScreen>
        </Focused>
      );
    case "left":
    case "lost":
    case "duplicate":
      return (
        <Focused>
          <CallScreen
            title={t[outcome.kind].title}
            body={t[outcome.kind].body}
            context={session.title}
            tone={outcome.kind === "lost" ? "warning" : "neutral"}
          >
            {retry(t.rejoin)}
            {backLink}
          </CallScreen>
        </Focused>
      );
    case "full":
      return (
        <Focused>
          <CallScreen
            title={t.full.title}
            body={
              session.maxParticipants ? format(t.full.body, { count: session.maxParticipants }) : undefined
            }
            context={session.title}
            tone="warning"
          >
            {retry(t.retry)}
            {backLink}
          </CallScreen>
        </Focused>
      );
    case "signin":
      return (
        <Focused>
          <CallScreen title={t.signInTitle} context={session.title}>
            <Link
              href={`/signin?callbackUrl=${encodeURIComponent(`/s/${slug}`)}`}
              className={buttonClass("primary")}
            >
              {t.signIn}
            </Link>
          </CallScreen>
        </Focused>
      );
    case "unavailable":
      return (
        <Focused>
          <CallScreen
            title={t.unavailable.title}
            body={t.unavailable.body}
            detail={outcome.message}
            tone="danger"
          >
            {retry(t.retry)}
          </CallScreen>
        </Focused>
      );
    case "failed":
      return (
        <Focused>
          <CallScreen title={t.failed.title} body={outcome.message} context={session.title} tone="danger">
            {retry(t.retry)}
            {backLink}
          </CallScreen>
        </Focused>
      );
  }
}

/** Moves focus to a screen that replaced the call, so screen readers announce what happened. */
export function Focused({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="outline-none">
      {children}
    </div>
  );
}
