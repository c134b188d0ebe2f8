import { z } from "zod";
import { isAdmin } from "@/modules/core/identity/domain/admin";

/** A calendar day in UTC, `YYYY-MM-DD`, that exists (no 2026-02-30). */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine((s) => {
    // Runs even when the pattern failed, so it must not throw on any string.
    const t = Date.parse(`${s}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().startsWith(s);
  }, "is not a calendar date");

export const MAX_PAGE_SIZE = 100;

const filterShape = {
  spaceId: z.uuid().optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  provider: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/, "must be a provider name such as gladia or pocketsphinx")
    .optional(),
};
const ordered = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const orderMessage = { path: ["to"], message: "must not be before from" };

/** Filters shared by the stats API, its CSV export and the admin page. `to` is inclusive. */
export const usageFilterSchema = z.object(filterShape).strict().refine(ordered, orderMessage);

export const usageStatsQuerySchema = z
  .object({
    ...filterShape,
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
  })
  .strict()
  .refine(ordered, orderMessage);

export type UsageFilter = z.output<typeof usageFilterSchema>;
export type UsageStatsQuery = z.output<typeof usageStatsQuerySchema>;

/** Whose rows a caller may see: everyone's (administrators) or their own plus their spaces'. */
export type UsageScope = { kind: "all" } | { kind: "user"; userId: string };

export function usageScope(
  user: { id: string; email: string; emailVerified: boolean },
  adminEmails: readonly string[],
): UsageScope {
  return isAdmin(user, adminEmails) ? { kind: "all" } : { kind: "user", userId: user.id };
}

export type UsageTotals = { streams: number; audioSeconds: number; billedSeconds: number; costUsd: number };
export type DailyUsage = UsageTotals & { day: string };
export type ProviderUsage = UsageTotals & { provider: string };
export type SessionUsageSummary = UsageTotals & {
  sessionId: string;
  slug: string;
  title: string;
  spaceName: string;
};
export type SpaceUsageSummary = UsageTotals & { spaceId: string; spaceName: string };

/** One metered stream as the table and the CSV show it. */
export type UsageRecord = {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  provider: string;
  audioSeconds: number;
  billedSeconds: number;
  costUsd: number;
  sessionSlug: string;
  sessionTitle: string;
  spaceId: string;
  spaceName: string;
  userName: string | null;
  participantName: string | null;
};

export type UsageStats = {
  scope: UsageScope["kind"];
  totals: UsageTotals;
  daily: DailyUsage[];
  byProvider: ProviderUsage[];
  topSessions: SessionUsageSummary[];
  topSpaces: SpaceUsageSummary[];
  rows: UsageRecord[];
  page: number;
  pageSize: number;
  pageCount: number;
};
