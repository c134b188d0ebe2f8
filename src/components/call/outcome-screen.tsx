"use client";

import Link from "next/link";
import { useEffect, useRef, type ComponentProps, type ReactNode } from "react";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import type { NotesText } from "@/i18n/messages/notes";
import { buttonClass } from "../ui";
import { NotesLinks } from "./notes-links";
import type { Outcome } from "./outcomes";
import { CallScreen, endedBody } from "./screens";
import type { RoomSession } from "./session-room";

type Props = {
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
};

/** The screen that replaces the call once it is over for this person, or could not start. */
export function OutcomeScreen(props: Props) {
  return (
    <Focused>
      <CallScreen {...screenFor(props)} />
    </Focused>
  );
}

/** What each outcome says and offers: one CallScreen draws them all. */
function screenFor({
  outcome,
  session,
  retry,
  backLink,
  t,
  tPeople,
  tNotes,
  errors,
}: Props): ComponentProps<typeof CallScreen> {
  const { slug, title: context } = session;
  const retryOrBack = (label: string) => (
    <>
      {retry(label)}
      {backLink}
    </>
  );
  switch (outcome.kind) {
    case "removed":
      // No way back in from here: the server refuses this person a join and a token for the session.
      return {
        title: tPeople.removed.title,
        body: tPeople.removed.body,
        context,
        tone: "warning",
        children: backLink,
      };
    case "ended":
      return {
        title: t.ended.title,
        body: endedBody(session.captions, t),
        context,
        children: (
          <>
            {session.captions === "on" && <NotesLinks slug={slug} t={tNotes} errors={errors} />}
            {backLink}
          </>
        ),
      };
    case "left":
    case "lost":
    case "duplicate":
      return {
        title: t[outcome.kind].title,
        body: t[outcome.kind].body,
        context,
        tone: outcome.kind === "lost" ? "warning" : "neutral",
        children: retryOrBack(t.rejoin),
      };
    case "full":
      return {
        title: t.full.title,
        body: session.maxParticipants ? format(t.full.body, { count: session.maxParticipants }) : undefined,
        context,
        tone: "warning",
        children: retryOrBack(t.retry),
      };
    case "signin":
      return {
        title: t.signInTitle,
        context,
        children: (
          <Link
            href={`/signin?callbackUrl=${encodeURIComponent(`/s/${slug}`)}`}
            className={buttonClass("primary")}
          >
            {t.signIn}
          </Link>
        ),
      };
    case "unavailable":
      return {
        title: t.unavailable.title,
        body: t.unavailable.body,
        detail: outcome.message,
        tone: "danger",
        children: retry(t.retry),
      };
    case "failed":
      return {
        title: t.failed.title,
        body: outcome.message,
        context,
        tone: "danger",
        children: retryOrBack(t.retry),
      };
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
