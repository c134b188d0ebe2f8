import { sql } from "drizzle-orm";
import type { Db, Executor } from "@/lib/db/client";

/** A space's monthly transcription budget and what its sessions have cost since the month began (UTC). */
export type BudgetState = { spaceId: string; budgetUsd: number | null; spentUsd: number };

const spendOf = (db: Executor, where: ReturnType<typeof sql>) =>
  db.execute<{ space_id: string; budget: string | null; spent: string }>(sql`
    select s.id as space_id, s.monthly_transcription_budget_usd as budget,
      coalesce((select sum(u.cost_usd) from transcription_usage u
        join video_sessions v on v.id = u.video_session_id
        where v.space_id = s.id
          and u.created_at >= date_trunc('month', now() at time zone 'utc') at time zone 'utc'), 0) as spent
    from spaces s where ${where}`);

const toState = (r: { space_id: string; budget: string | null; spent: string }): BudgetState => ({
  spaceId: r.space_id,
  budgetUsd: r.budget === null ? null : Number(r.budget),
  spentUsd: Number(r.spent),
});

/**
 * The budget of the space a session belongs to, read under a per-space advisory lock held for the
 * transaction: admissions in one space (on any ws instance) are decided one at a time, each on the
 * spend PostgreSQL holds at that moment.
 */
export async function lockedBudgetOfSession(db: Db, sessionId: string): Promise<BudgetState | null> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ space_id: string }>(
      sql`select space_id from video_sessions where id = ${sessionId}`,
    );
    const spaceId = rows[0]?.space_id;
    if (!spaceId) return null;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`budget:${spaceId}`}, 0))`);
    const res = await spendOf(tx, sql`s.id = ${spaceId}`);
    return res.rows[0] ? toState(res.rows[0]) : null;
  });
}

export async function budgetsOfSpace(db: Executor, spaceId: string): Promise<BudgetState | null> {
  const res = await spendOf(db, sql`s.id = ${spaceId}`);
  return res.rows[0] ? toState(res.rows[0]) : null;
}

/** Budget states of the spaces of these sessions, keyed by session id (running streams' re-check). */
export async function budgetsOfSessions(
  db: Executor,
  sessionIds: string[],
): Promise<Map<string, BudgetState>> {
  const out = new Map<string, BudgetState>();
  if (!sessionIds.length) return out;
  const { rows: links } = await db.execute<{ id: string; space_id: string }>(
    sql`select id, space_id from video_sessions where id = any(${sql.param(sessionIds)}::uuid[])`,
  );
  const spaceIds = [...new Set(links.map((l) => l.space_id))];
  if (!spaceIds.length) return out;
  const res = await spendOf(
    db,
    sql`s.id = any(${sql.param(spaceIds)}::uuid[]) and s.monthly_transcription_budget_usd is not null`,
  );
  const bySpace = new Map(res.rows.map((r) => [r.space_id, toState(r)]));
  for (const l of links) {
    const b = bySpace.get(l.space_id);
    if (b) out.set(l.id, b);
  }
  return out;
}

/** The share of the budget spent: null without a budget; a zero budget counts as spent. */
export function budgetShare(b: BudgetState): number | null {
  if (b.budgetUsd === null) return null;
  if (b.budgetUsd <= 0) return Infinity;
  return b.spentUsd / b.budgetUsd;
}

export async function setSpaceBudget(db: Executor, spaceId: string, budgetUsd: number | null): Promise<void> {
  await db.execute(
    sql`update spaces set monthly_transcription_budget_usd = ${budgetUsd === null ? null : budgetUsd.toFixed(2)}, updated_at = now() where id = ${spaceId}`,
  );
}
