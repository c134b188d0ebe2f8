import type { Executor } from "@/lib/db/client";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { usageScope, type UsageStats, type UsageStatsQuery } from "../domain/usage-stats";
import {
  topSessions,
  topSpaces,
  usageByDay,
  usageByProvider,
  usageRecords,
  usageTotals,
} from "../infra/usage-stats-repository";

/**
 * Server-metered transcription usage under filters: totals over the whole filtered set, a per-day
 * series, per-provider/top-session/top-space breakdowns, and one page of streams.
 */
export async function getUsageStats(
  db: Executor,
  input: { user: SessionUser; adminEmails: readonly string[]; query: UsageStatsQuery },
): Promise<UsageStats> {
  const { page, pageSize, ...filter } = input.query;
  const scope = usageScope(input.user, input.adminEmails);
  const [totals, daily, byProvider, sessions, spaces, rows] = await Promise.all([
    usageTotals(db, scope, filter),
    usageByDay(db, scope, filter),
    usageByProvider(db, scope, filter),
    topSessions(db, scope, filter),
    topSpaces(db, scope, filter),
    usageRecords(db, scope, filter, { limit: pageSize, offset: (page - 1) * pageSize }),
  ]);
  return {
    scope: scope.kind,
    totals,
    daily,
    byProvider,
    topSessions: sessions,
    topSpaces: spaces,
    rows,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(totals.streams / pageSize)),
  };
}
