import type { Executor } from "@/lib/db/client";
import type { Viewer } from "@/modules/core/sessions";
import { sessionOffsetMs, speakerFields } from "../domain/transcript-export";
import { searchVariants, type SearchTerm } from "../domain/comparable-text";
import { chosenLanguage } from "../domain/transcript-language";
import {
  countSegments,
  listSegmentPage,
  listTranslationLanguages,
  rankAtTime,
  searchSegments,
  segmentRank,
  type PageSegment,
} from "../infra/transcript-page-repository";
import { resolveTranscriptAccess } from "./transcript-access";

/** Segments per page: a 10,000-segment transcript is 50 pages, each rendered in one request. */
export const TRANSCRIPT_PAGE_SIZE = 200;
export const SEARCH_LIMIT = 100;

export type PageEntry = Omit<PageSegment, "streamStartMs" | "streamEndMs"> & {
  /** From the session's start (see `sessionOffsetMs`). */
  offsetMs: number;
};

export type TranscriptPage = {
  session: {
    id: string;
    slug: string;
    title: string;
    spaceId: string;
    startedAt: Date | null;
    /** What offsets count from: the session's start, or its creation before it started. */
    origin: Date;
    shared: boolean;
    /** Created with captions off: nothing was transcribed, and there is nothing to analyse. */
    captionsOff: boolean;
  };
  canManage: boolean;
  /** For a guest: the lines shown are those said while they were in the call, readable until `expiresAt`. */
  guest: { from: Date; to: Date | null; expiresAt: Date | null } | null;
  /** The languages its finals were translated into (none: no choice to offer). */
  languages: string[];
  /** The one read in (each line's translation where stored, `original` then set), or null. */
  language: string | null;
  segments: PageEntry[];
  page: number;
  pageCount: number;
  total: number;
  /** The segment a link pointed at, when it is this session's. */
  focusId: string | null;
  /** Matches across the whole transcript; each links to `?segment=`, which finds its page. */
  /** `terms`: what was looked for (the query, its numbers as figures and as words), to mark. */
  search: { query: string; terms: SearchTerm[]; total: number; results: PageEntry[] } | null;
};

export type PageRequest = {
  page?: number;
  /** A shared link to one segment: the page that holds it. */
  segment?: string;
  /** Jump to a moment, in ms from the session's start. */
  atMs?: number;
  query?: string;
  /** Read in this language; one without translations here reads as the original. */
  language?: string;
};

/** One page of the transcript for someone who may read it, chosen by number, segment or moment. */
export async function getTranscriptPage(
  db: Executor,
  input: { slug: string; viewer: Viewer } & PageRequest,
): Promise<TranscriptPage> {
  const { session, canManage, guest } = await resolveTranscriptAccess(db, input);
  const scope = { sessionId: session.id, window: guest?.window ?? null };
  const origin = session.startedAt ?? session.createdAt;
  const entry = (s: PageSegment): PageEntry => ({
    ...speakerFields(s),
    speakerImage: s.speakerImage,
    offsetMs: sessionOffsetMs(origin, s).startMs,
  });
  const pageOfRank = (rank: number) => Math.floor(rank / TRANSCRIPT_PAGE_SIZE) + 1;

  const [total, languages] = await Promise.all([
    countSegments(db, scope),
    listTranslationLanguages(db, session.id),
  ]);
  const reading = { lang: chosenLanguage(input.language, languages) };
  const pageCount = Math.max(1, Math.ceil(total / TRANSCRIPT_PAGE_SIZE));
  let page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  let focusId: string | null = null;
  let momentRank: number | null = null;
  if (input.segment) {
    const rank = await segmentRank(db, scope, input.segment);
    if (rank !== null) {
      page = pageOfRank(rank);
      focusId = input.segment;
    }
  } else if (input.atMs !== undefined) {
    const rank = await rankAtTime(db, scope, new Date(origin.getTime() + input.atMs));
    page = Math.min(pageOfRank(rank), pageCount);
    momentRank = rank;
  }

  const query = input.query?.trim() ?? "";
  // "40" finds "forty" and "forty thousand" finds "$40,000": engines write numbers either way.
  const terms = searchVariants(query);
  const found = query ? await searchSegments(db, scope, terms, SEARCH_LIMIT, reading) : null;
  // A search alone opens where its first match is, marked in place, rather than on page 1.
  const firstMatch = found?.rows[0];
  if (firstMatch && !input.segment && input.atMs === undefined && input.page === undefined) {
    const rank = await segmentRank(db, scope, firstMatch.id);
    if (rank !== null) {
      page = pageOfRank(rank);
      focusId = firstMatch.id;
    }
  }
  const rows = await listSegmentPage(
    db,
    scope,
    { offset: (page - 1) * TRANSCRIPT_PAGE_SIZE, limit: TRANSCRIPT_PAGE_SIZE },
    reading,
  );
  // A moment opens at the first segment said at or after it (past the end: none).
  if (momentRank !== null) focusId = rows[momentRank - (page - 1) * TRANSCRIPT_PAGE_SIZE]?.id ?? null;
  const search = found && { query, terms, total: found.total, results: found.rows.map(entry) };
  return {
    session: {
      id: session.id,
      slug: session.slug,
      title: session.title,
      spaceId: session.spaceId,
      startedAt: session.startedAt,
      origin,
      shared: session.transcriptShared,
      captionsOff: !session.transcriptionEnabled,
    },
    canManage,
    guest: guest && { ...guest.window, expiresAt: guest.expiresAt },
    languages,
    language: reading.lang,
    segments: rows.map(entry),
    page,
    pageCount,
    total,
    focusId,
    search,
  };
}
