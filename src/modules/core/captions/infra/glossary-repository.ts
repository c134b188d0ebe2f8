import { desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { spaceGlossaries } from "@/lib/db/schema/glossary";
import { participants, videoSessions } from "@/lib/db/schema/sessions";

export type StoredGlossary = { terms: string[]; updatedAt: Date | null };

export async function findGlossary(db: Executor, spaceId: string): Promise<StoredGlossary> {
  const [row] = await db
    .select({ terms: spaceGlossaries.terms, updatedAt: spaceGlossaries.updatedAt })
    .from(spaceGlossaries)
    .where(eq(spaceGlossaries.spaceId, spaceId));
  return row ?? { terms: [], updatedAt: null };
}

/** Replaces the whole glossary (terms already normalized). */
export async function saveGlossary(
  db: Executor,
  input: { spaceId: string; terms: string[]; userId: string },
): Promise<StoredGlossary> {
  const values = { terms: input.terms, updatedBy: input.userId, updatedAt: sql`now()` };
  const [row] = await db
    .insert(spaceGlossaries)
    .values({ spaceId: input.spaceId, ...values })
    .onConflictDoUpdate({ target: spaceGlossaries.spaceId, set: values })
    .returning({ terms: spaceGlossaries.terms, updatedAt: spaceGlossaries.updatedAt });
  return row!;
}

/**
 * What a caption stream of this session is biased with, in one query: its participants' display
 * names (those still in the call first, then the latest to join; at most `maxNames`) and its
 * space's glossary.
 */
export async function findSessionVocabularySources(
  db: Executor,
  sessionId: string,
  maxNames: number,
): Promise<{ names: string[]; glossary: string[] }> {
  const [session] = await db
    .select({ glossary: spaceGlossaries.terms })
    .from(videoSessions)
    .leftJoin(spaceGlossaries, eq(spaceGlossaries.spaceId, videoSessions.spaceId))
    .where(eq(videoSessions.id, sessionId));
  if (!session) return { names: [], glossary: [] };
  const people = await db
    .select({ name: participants.displayName })
    .from(participants)
    .where(eq(participants.videoSessionId, sessionId))
    .orderBy(sql`${participants.leftAt} is not null`, desc(participants.lastJoinedAt))
    .limit(maxNames);
  return { names: people.map((p) => p.name), glossary: session.glossary ?? [] };
}
