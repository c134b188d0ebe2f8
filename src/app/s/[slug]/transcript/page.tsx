import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { AnalysisPanel } from "@/components/analysis/analysis-panel";
import { SessionRecordings, playable } from "@/components/recording/session-recordings";
import {
  LocalTimes,
  ScrollToSegment,
  SegmentLinkCopier,
  SharingSwitch,
} from "@/components/transcript/segment-tools";
import { transcriptHref } from "@/components/transcript/transcript-links";
import { TranscriptToolbar } from "@/components/transcript/transcript-toolbar";
import { TranscriptTurns } from "@/components/transcript/transcript-turns";
import { buttonClass } from "@/components/ui";
import { dateTimeFormatter, format, plural } from "@/i18n/format";
import { getMessages } from "@/i18n/server";
import { getDb } from "@/server/db";
import { GUEST_COOKIE, verifyGuestCookie } from "@/server/http/guest-cookie";
import { currentUser } from "@/server/auth";
import { slugParams } from "@/server/http/params";
import { listSessionRecordings } from "@/modules/core/recording";
import { NotFoundError } from "@/modules/core/shared/domain/errors";
import { getTranscriptPage, type PageRequest, type TranscriptPage } from "@/modules/core/transcripts";
import { offsetLabel, parseMoment } from "@/modules/core/transcripts/domain/transcript-export";
import { transcriptLanguage } from "@/modules/core/transcripts/domain/transcript-language";

type Params = Promise<{ slug: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

const query = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
  segment: z.uuid().optional().catch(undefined),
  t: z.string().max(20).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  // A malformed language reads as the original here; the download answers it with a 400.
  lang: transcriptLanguage.optional().catch(undefined),
});

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const load = cache(async (slug: string, req: PageRequest): Promise<TranscriptPage | "signin" | null> => {
  if (!slugParams.safeParse({ slug }).success) return null;
  const [user, cookieStore] = await Promise.all([currentUser(), cookies()]);
  const guestId = verifyGuestCookie(cookieStore.get(GUEST_COOKIE)?.value);
  try {
    return await getTranscriptPage(getDb(), { slug, viewer: { user, guestId }, ...req });
  } catch (err) {
    // As on the session page: no answer tells an outsider whether the session exists.
    if (err instanceof NotFoundError) return user ? null : "signin";
    throw err;
  }
});

/** The session's recordings, under the same rule as its transcript (checked again by the use-case). */
const loadRecordings = cache(async (slug: string) => {
  const [user, cookieStore] = await Promise.all([currentUser(), cookies()]);
  const guestId = verifyGuestCookie(cookieStore.get(GUEST_COOKIE)?.value);
  return listSessionRecordings(getDb(), { slug, viewer: { user, guestId } });
});

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.transcript.metaTitle };
}

export default async function TranscriptPageView({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Search;
}) {
  const [{ slug }, raw, { locale, t }] = await Promise.all([params, searchParams, getMessages()]);
  const input = query.parse({
    page: one(raw.page),
    segment: one(raw.segment),
    t: one(raw.t),
    q: one(raw.q),
    lang: one(raw.lang),
  });
  const atMs = input.t ? parseMoment(input.t) : null;
  const view = await load(slug, {
    page: input.page,
    segment: input.segment,
    atMs: atMs ?? undefined,
    query: input.q,
    language: input.lang,
  });
  if (!view) notFound();
  if (view === "signin") {
    redirect(`/signin?callbackUrl=${encodeURIComponent(`/s/${slug}/transcript`)}`);
  }
  const tt = t.transcript;
  const q = view.search?.query ?? "";
  const origin = view.session.origin;
  const clock = dateTimeFormatter(locale, "UTC");
  const wallClock = (ms: number) => clock.format(new Date(origin.getTime() + ms));
  const { recordings } = await loadRecordings(slug);
  const ready = playable(recordings, (d) => clock.format(d), t.recording);
  const focused = view.focusId ? view.segments.find((s) => s.id === view.focusId) : undefined;
  const lang = view.language;
  const pageHref = (page: number) => transcriptHref(slug, { page, q, lang });

  return (
    <div className="space-y-6">
      {view.focusId && <ScrollToSegment id={view.focusId} />}
      <LocalTimes locale={locale} at={`${view.page}:${view.focusId}:${q}:${lang}`} />
      <SegmentLinkCopier slug={slug} lang={lang} t={{ copied: tt.copied, copyFailed: tt.copyFailed }} />
      <div>
        <Link href={`/s/${slug}`} className="rounded text-sm font-medium text-zinc-500 hover:text-zinc-900">
          ← {tt.backToSession}
        </Link>
        <h1 className="mt-3 text-2xl font-semibold text-zinc-900">
          {tt.title}: {view.session.title}
        </h1>
        <p className="mt-1 text-sm text-zinc-500">
          <time
            dateTime={origin.toISOString()}
            data-local={t.notes.transcript.startedAt}
            data-testid="session-started"
          >
            {format(t.notes.transcript.startedAt, { date: clock.format(origin) })}
          </time>
          {" · "}
          {plural(locale, tt.segments, view.total)}
        </p>
      </div>

      <TranscriptToolbar
        slug={slug}
        locale={locale}
        here={view.focusId ? { segment: view.focusId, q } : { page: view.page, q }}
        query={q}
        moment={{ typed: input.t, invalid: input.t !== undefined && atMs === null }}
        languages={view.languages}
        language={lang}
        t={tt}
      />
      {input.t !== undefined && atMs === null && (
        <p role="alert" className="text-sm text-red-700">
          {tt.jumpInvalid}
        </p>
      )}

      {view.canManage && <SharingSwitch slug={slug} shared={view.session.shared} t={tt} errors={t.errors} />}

      {view.session.captionsOff ? (
        // Said once, in place of an analysis of nothing and an empty transcript.
        <p className="rounded-lg bg-zinc-50 p-3 text-sm text-zinc-700" data-testid="captions-were-off">
          {t.call.captions.ux.offAfterCall}
        </p>
      ) : view.guest ? (
        <p className="rounded-lg bg-zinc-50 p-3 text-sm text-zinc-700" data-testid="guest-window">
          {tt.guestWindow}{" "}
          {view.guest.expiresAt && (
            <time dateTime={view.guest.expiresAt.toISOString()} data-local={tt.guestExpires}>
              {format(tt.guestExpires, { date: clock.format(view.guest.expiresAt) })}
            </time>
          )}
        </p>
      ) : (
        <AnalysisPanel slug={slug} locale={locale} t={t.analysis} notes={t.notes} errors={t.errors} />
      )}

      {view.search && (
        <section aria-labelledby="transcript-matches" className="rounded-lg border border-zinc-200 p-4">
          <h2 id="transcript-matches" className="text-sm font-semibold text-zinc-900">
            {plural(locale, tt.matches, view.search.total).replace("{query}", view.search.query)}
          </h2>
          {view.search.total > view.search.results.length && (
            <p className="text-xs text-zinc-500">
              {format(tt.moreMatches, { shown: view.search.results.length })}
            </p>
          )}
          <ul className="mt-2 max-h-64 space-y-1 overflow-y-auto" data-testid="search-results">
            {view.search.results.map((r) => (
              <li key={r.id}>
                <a
                  href={transcriptHref(slug, { segment: r.id, q, lang })}
                  className="block rounded px-2 py-1 text-sm hover:bg-zinc-50"
                >
                  <span className="mr-2 font-mono text-xs text-zinc-500">{offsetLabel(r.offsetMs)}</span>
                  <span className="mr-2 font-medium">{r.speakerName ?? tt.unknownSpeaker}</span>
                  <span
                    dir="auto"
                    title={r.original ? format(tt.originalTitle, { text: r.original }) : undefined}
                  >
                    {r.text}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div
        className={
          recordings.length > 0
            ? "grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)] lg:items-start"
            : ""
        }
      >
        {recordings.length > 0 && (
          // Beside the transcript on wide screens, above it on narrow ones as a mini player stuck to
          // the top of the screen: either way it stays in view while the transcript scrolls.
          <div
            className="sticky top-0 z-20 -mx-4 bg-white px-4 py-2 shadow-sm lg:top-20 lg:order-last lg:mx-0 lg:px-0 lg:py-0 lg:shadow-none"
            data-testid="recording-dock"
          >
            <SessionRecordings
              slug={slug}
              recordings={recordings}
              ready={ready}
              originMs={origin.getTime()}
              focusOffsetMs={focused?.offsetMs ?? atMs}
              canManage={view.canManage}
              t={t.recording}
              errors={t.errors}
            />
          </div>
        )}
        {view.total === 0 ? (
          !view.session.captionsOff && <p className="text-sm text-zinc-500">{tt.empty}</p>
        ) : (
          <TranscriptTurns
            slug={slug}
            segments={view.segments}
            marks={view.search?.terms ?? []}
            lang={lang}
            focusId={view.focusId}
            wallClock={wallClock}
            originMs={origin.getTime()}
            seekable={ready.length > 0}
            t={tt}
          />
        )}
      </div>

      {view.pageCount > 1 && (
        <nav aria-label={tt.pagesLabel} className="flex items-center justify-between gap-3 text-sm">
          {view.page > 1 ? (
            <Link href={pageHref(view.page - 1)} rel="prev" className={buttonClass("secondary")}>
              {tt.previous}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-zinc-500">
            {format(tt.pageOf, { page: view.page, count: view.pageCount })}
          </span>
          {view.page < view.pageCount ? (
            <Link href={pageHref(view.page + 1)} rel="next" className={buttonClass("secondary")}>
              {tt.next}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  );
}
