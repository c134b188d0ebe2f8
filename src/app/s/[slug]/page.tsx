import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { NotesLinks } from "@/components/call/notes-links";
import { CallScreen, endedBody } from "@/components/call/screens";
import { CloseTab } from "@/components/call/close-tab";
import { SessionRoom } from "@/components/call/session-room";
import { buttonClass } from "@/components/ui";
import { getMessages } from "@/i18n/server";
import { getDb } from "@/server/db";
import { deps } from "@/server/deps";
import { GUEST_COOKIE, verifyGuestCookie } from "@/server/http/guest-cookie";
import { currentUser } from "@/server/auth";
import { getCallRecording } from "@/modules/core/recording";
import { slugParams } from "@/server/http/params";
import { getSession, type SessionView } from "@/modules/core/sessions";
import { mediaUnavailableMessage } from "@/modules/core/sessions/infra/media-server-from-env";
import { NotFoundError } from "@/modules/core/shared/domain/errors";
import { findRole } from "@/modules/core/spaces";
import { getCaptionLanguages } from "@/modules/core/captions";
import { captionAvailability } from "@/modules/core/captions/domain/caption-languages";

type Params = Promise<{ slug: string }>;

/** Loaded once per request, shared by the metadata and the page; `null` for "no such session". */
const loadSession = cache(async (slug: string): Promise<SessionView | "signin" | null> => {
  // A malformed slug cannot name a session, so a 404 reveals nothing.
  if (!slugParams.safeParse({ slug }).success) return null;
  const [user, cookieStore] = await Promise.all([currentUser(), cookies()]);
  const guestId = verifyGuestCookie(cookieStore.get(GUEST_COOKIE)?.value);
  try {
    return await getSession(getDb(), { slug, viewer: { user, guestId } });
  } catch (err) {
    // Anonymous visitors are asked to sign in whether the session is members-only or does not
    // exist at all, so the answer tells them nothing.
    if (err instanceof NotFoundError) return user ? null : "signin";
    throw err;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const [{ slug }, { t }] = await Promise.all([params, getMessages()]);
  const view = await loadSession(slug);
  return { title: view && view !== "signin" ? view.title : t.call.metaTitle };
}

export default async function SessionPage({ params }: { params: Params }) {
  // Request data first: it opts the page out of prerendering before auth reads env.
  const [{ slug }, { locale, t }] = await Promise.all([params, getMessages()]);
  const view = await loadSession(slug);
  // Signed-in outsiders of a members-only session get the same 404 as for a missing one; anonymous
  // visitors, the same sign-in page for both.
  if (!view) notFound();
  if (view === "signin") redirect(`/signin?callbackUrl=${encodeURIComponent(`/s/${slug}`)}`);

  const user = await currentUser();
  const member = user ? (await findRole(getDb(), view.spaceId, user.id)) !== null : false;
  const back = member
    ? { href: `/spaces/${view.spaceId}`, label: t.call.backToSpace }
    : { href: "/", label: t.call.backHome };

  if (view.status === "ENDED") {
    return (
      <CallScreen
        title={t.call.ended.title}
        body={endedBody(view.transcriptionEnabled ? "on" : "off", t.call)}
        context={view.title}
      >
        {/* Captions off: the body says there is no transcript, so no links promise one. */}
        {view.transcriptionEnabled && <NotesLinks slug={slug} t={t.notes.end} errors={t.errors} />}
        {user ? (
          <Link href={back.href} className={buttonClass("secondary")}>
            {back.label}
          </Link>
        ) : (
          <CloseTab label={t.lobby.close} hint={t.lobby.closeHint} />
        )}
      </CallScreen>
    );
  }

  const { env, media } = deps();
  if (!media) {
    return (
      <CallScreen
        title={t.call.unavailable.title}
        body={t.call.unavailable.body}
        detail={mediaUnavailableMessage(env)}
        tone="danger"
      >
        {/* A plain link: reloading is the retry, and it works before any script has loaded. */}
        <a href={`/s/${slug}`} className={buttonClass("primary")}>
          {t.call.retry}
        </a>
      </CallScreen>
    );
  }

  const recording = await getCallRecording(getDb(), { slug });
  const captionLanguages = await getCaptionLanguages(getDb(), env.captions);
  const active = recording.active;
  return (
    <SessionRoom
      session={{
        slug: view.slug,
        title: view.title,
        spaceName: view.spaceName,
        maxParticipants: view.maxParticipants,
        canEnd: view.viewer.canEnd,
        guestsKnock: view.allowGuests ? view.guestsKnock : null,
        // Everyone outside the space asks, signed in or not; someone already in the call comes
        // back without asking (join-session.ts).
        asksFirst: !member && view.guestsKnock && !view.viewer.participant,
        signedIn: view.viewer.signedIn,
        name: view.viewer.participant?.displayName ?? user?.name ?? "",
        // What the running ws processes' recognizers serve (after any fallback).
        captions: captionAvailability(captionLanguages, view),
        startedAt: view.startedAt?.toISOString() ?? null,
        recording: {
          // The same people who may end the call may record it.
          canRecord: view.viewer.canEnd,
          allowed: recording.recordingAllowed,
          active: active && { id: active.id, status: active.status, startedByName: active.startedByName },
        },
      }}
      back={back}
      locale={locale}
      t={t.call}
      tRecording={t.recording}
      tLobby={t.lobby}
      tPeople={t.people}
      errors={t.errors}
      tNotes={t.notes.end}
    />
  );
}
