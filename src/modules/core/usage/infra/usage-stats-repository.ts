import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { users } from "@/lib/db/schema/identity";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import { spaceMembers, spaces } from "@/lib/db/schema/spaces";
import { transcriptionUsage as tu } from "@/lib/db/schema/transcription";
import type {
  DailyUsage,
  ProviderUsage,
  SessionUsageSummary,
  SpaceUsageSummary,
  UsageFilter,
  UsageRecord,
  UsageScope,
  UsageTotals,
} from "../domain/usage-stats";

const TOP = 10;

const sums = {
  streams: sql<number>`count(*)::int`,
  audioSeconds: sql<string>`coalesce(sum(${tu.audioSeconds}), 0)`,
  billedSeconds: sql<string>`coalesce(sum(${tu.billedSeconds}), 0)`,
  costUsd: sql<string>`coalesce(sum(${tu.costUsd}), 0)`,
};

function numbers<T extends { audioSeconds: string; billedSeconds: string; costUsd: string }>(r: T) {
  return {
    ...r,
    audioSeconds: Number(r.audioSeconds),
    billedSeconds: Number(r.billedSeconds),
    costUsd: Number(r.costUsd),
  };
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

/**
 * The rows a caller may see under the filters. Days are UTC; `to` is inclusive. A user's scope is
 * their own streams plus every stream in a space they own.
 */
function visible(scope: UsageScope, f: UsageFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (scope.kind === "user") {
    const owned = sql`select ${spaceMembers.spaceId} from ${spaceMembers}
      where ${spaceMembers.userId} = ${scope.userId} and ${spaceMembers.role} = 'OWNER'`;
    conds.push(sql`(${tu.userId} = ${scope.userId} or ${videoSessions.spaceId} in (${owned}))`);
  }
  if (f.spaceId) conds.push(eq(videoSessions.spaceId, f.spaceId));
  if (f.from) conds.push(gte(tu.createdAt, new Date(`${f.from}T00:00:00Z`)));
  if (f.to) conds.push(lt(tu.createdAt, nextDay(f.to)));
  if (f.provider) conds.push(eq(tu.provider, f.provider));
  return and(...conds);
}

export async function usageTotals(db: Executor, scope: UsageScope, f: UsageFilter): Promise<UsageTotals> {
  const [row] = await db
    .select(sums)
    .from(tu)
    .innerJoin(videoSessions, eq(videoSessions.id, tu.videoSessionId))
    .where(visible(scope, f));
  return numbers(row!);
}

export async function usageByDay(db: Executor, scope: UsageScope, f: UsageFilter): Promise<DailyUsage[]> {
  const day = sql<string>`to_char(${tu.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day, ...sums })
    .from(tu)
    .innerJoin(videoSessions, eq(videoSessions.id, tu.videoSessionId))
    .where(visible(scope, f))
    .groupBy(day)
    .orderBy(day);
  return rows.map(numbers);
}

export async function usageByProvider(
  db: Executor,
  scope: UsageScope,
  f: UsageFilter,
): Promise<ProviderUsage[]> {
  const rows = await db
    .select({ provider: tu.provider, ...sums })
    .from(tu)
    .innerJoin(videoSessions, eq(videoSessions.id, tu.videoSessionId))
    .where(visible(scope, f))
    .groupBy(tu.provider)
    .orderBy(desc(sums.costUsd), tu.provider);
  return rows.map(numbers);
}

/** The sessions that cost most (then used most audio) under the filters. */
export async function topSessions(
  db: Executor,
  scope: UsageScope,
  f: UsageFilter,
): Promise<SessionUsageSummary[]> {
  const rows = await db
    .select({
      sessionId: videoSessions.id,
      slug: videoSessions.slug,
      title: videoSessions.title,
      spaceName: spaces.name,
      ...sums,
    })
    .from(tu)
    .innerJoin(videoSessions, eq(videoSessions.id, tu.videoSessionId))
    .innerJoin(spaces, eq(spaces.id, videoSessions.spaceId))
    .where(visible(scope, f))
    .groupBy(videoSessions.id, spaces.name)
    .orderBy(desc(sums.costUsd), desc(sums.audioSeconds), videoSessions.id)
    .limit(TOP);
  return rows.map(numbers);
}

export async function topSpaces(
  db: Executor,
  scope: UsageScope,
  f: UsageFilter,
): Promise<SpaceUsageSummary[]> {
  const rows = await db
    .select({ spaceId: spaces.id, spaceName: spaces.name, ...sums })
    .from(tu)
    .innerJoin(videoSessions, eq(videoSessions.id, tu.videoSessionId))
    .innerJoin(spaces, eq(spaces.id, videoSessions.spaceId))
    .where(visible(scope, f))
    .groupBy(spaces.id)
    .orderBy(desc(sums.costUsd), desc(sums.audioSeconds), spaces.id)
    .limit(TOP);
  return rows.map(numbers);
}

/** Metered streams, newest first (ties broken by id so pages never overlap). */
export async function usageRecords(
  db: Executor,
  scope: UsageScope,
  f: UsageFilter,
  page: { limit: number; offset: number },
): Promise<UsageRecord[]> {
  const rows = await db
    .select({
      id: tu.id,
      createdAt: tu.createdAt,
      updatedAt: tu.updatedAt,
      provider: tu.provider,
      audioSeconds: tu.audioSeconds,
      billedSeconds: tu.billedSeconds,
      costUsd: tu.costUsd,
      sessionSlug: videoSessions.slug,
      sessionTitle: videoSessions.title,
      spaceId: spaces.id,
      spaceName: spaces.name,
      userName: users.name,
      participantName: participants.displayName,
    })
    .from(tu)
    .innerJoin(videoSessions, eq(videoSessions.id, tu.videoSessionId))
    .innerJoin(spaces, eq(spaces.id, videoSessions.spaceId))
    .leftJoin(users, eq(users.id, tu.userId))
    .leftJoin(participants, eq(participants.id, tu.participantId))
    .where(visible(scope, f))
    .orderBy(desc(tu.createdAt), desc(tu.id))
    .limit(page.limit)
    .offset(page.offset);
  return rows.map(numbers);
}

/** Spaces and providers that have usage the caller may see: the choices of the page's filters. */
export async function usageFilterOptions(db: Executor, scope: UsageScope) {
  const [spaceRows, providerRows] = await Promise.all([
    db
      .selectDistinct({ id: spaces.id, name: spaces.name })
      .from(tu)
      .innerJoin(videoSessions, eq(videoSessions.id, tu.videoSessionId))
      .innerJoin(spaces, eq(spaces.id, videoSessions.spaceId))
      .where(visible(scope, {}))
      .orderBy(spaces.name, spaces.id),
    db
      .selectDistinct({ provider: tu.provider })
      .from(tu)
      .innerJoin(videoSessions, eq(videoSessions.id, tu.videoSessionId))
      .where(visible(scope, {}))
      .orderBy(tu.provider),
  ]);
  return { spaces: spaceRows, providers: providerRows.map((r) => r.provider) };
}
