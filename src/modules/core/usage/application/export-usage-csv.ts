import type { Executor } from "@/lib/db/client";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { toCsv } from "../domain/csv";
import { usageScope, type UsageFilter } from "../domain/usage-stats";
import { usageRecords } from "../infra/usage-stats-repository";

/** More rows than a spreadsheet handles comfortably; past it the export says it was cut. */
export const CSV_MAX_ROWS = 50_000;

const HEADER = [
  "created_at",
  "updated_at",
  "space",
  "session",
  "session_slug",
  "user",
  "participant",
  "provider",
  "audio_seconds",
  "billed_seconds",
  "cost_usd",
] as const;

/** Every metered stream the caller may see under the filters, newest first, as CSV. */
export async function exportUsageCsv(
  db: Executor,
  input: { user: SessionUser; adminEmails: readonly string[]; filter: UsageFilter },
): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const scope = usageScope(input.user, input.adminEmails);
  const rows = await usageRecords(db, scope, input.filter, { limit: CSV_MAX_ROWS + 1, offset: 0 });
  const truncated = rows.length > CSV_MAX_ROWS;
  const kept = truncated ? rows.slice(0, CSV_MAX_ROWS) : rows;
  const csv = toCsv(
    HEADER,
    kept.map((r) => [
      r.createdAt,
      r.updatedAt,
      r.spaceName,
      r.sessionTitle,
      r.sessionSlug,
      r.userName,
      r.participantName,
      r.provider,
      r.audioSeconds,
      r.billedSeconds,
      r.costUsd,
    ]),
  );
  return { csv, rows: kept.length, truncated };
}
