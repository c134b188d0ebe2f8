import type { Logger } from "pino";
import type { Db } from "@/lib/db/client";
import { BUDGET_USED_UP_REASON, BUDGET_WARN_SHARE } from "@/modules/core/usage/domain/budget";
import {
  budgetShare,
  budgetsOfSessions,
  lockedBudgetOfSession,
} from "@/modules/core/usage/infra/budget-repository";

export const BUDGET_USED_UP = BUDGET_USED_UP_REASON;
export const BUDGET_WARNING = "80% of this space's transcription budget for the month is used";
const WARN_SHARE = BUDGET_WARN_SHARE;

export type BudgetMember = {
  sessionId: string;
  isHost: boolean;
  budgetExhausted(): void;
  budgetWarning(): void;
};

/**
 * The server's budget decisions, on PostgreSQL's figures so that every ws instance decides alike:
 * a stream opens only while its space is under 100 % (read under a per-space advisory lock), and
 * a timer re-reads the spend of every space with running streams, stopping them at 100 % and
 * warning hosts from 80 %.
 */
export function createBudgetGuard(
  db: Db,
  opts: { recheckMs: number; log: Logger; onError(kind: string): void },
) {
  const members = new Set<BudgetMember>();
  const warned = new WeakSet<BudgetMember>();
  let checking = false;
  const timer = setInterval(() => void recheck(), opts.recheckMs);
  timer.unref();

  const warn = (m: BudgetMember) => {
    if (!m.isHost || warned.has(m)) return;
    warned.add(m);
    m.budgetWarning();
  };

  async function recheck() {
    if (checking || members.size === 0) return;
    checking = true;
    try {
      const states = await budgetsOfSessions(db, [...new Set([...members].map((m) => m.sessionId))]);
      for (const m of [...members]) {
        const b = states.get(m.sessionId);
        const share = b ? budgetShare(b) : null;
        if (share === null) continue;
        if (share >= 1) m.budgetExhausted();
        else if (share >= WARN_SHARE) warn(m);
      }
    } catch (err) {
      opts.onError("budget_recheck");
      opts.log.warn({ err }, "budget re-check failed");
    } finally {
      checking = false;
    }
  }

  return {
    /** At stream open: "exhausted" when the space's budget is used up, "warn" from 80 %. */
    async admit(sessionId: string): Promise<"ok" | "warn" | "exhausted"> {
      const b = await lockedBudgetOfSession(db, sessionId);
      const share = b ? budgetShare(b) : null;
      if (share === null || share < WARN_SHARE) return "ok";
      return share >= 1 ? "exhausted" : "warn";
    },
    /** After `ready`; `nearLimit` from `admit` warns a host at once. */
    join(m: BudgetMember, nearLimit: boolean) {
      members.add(m);
      if (nearLimit) warn(m);
    },
    leave(m: BudgetMember) {
      members.delete(m);
    },
    recheck,
    stop() {
      clearInterval(timer);
    },
  };
}

export type BudgetGuard = ReturnType<typeof createBudgetGuard>;
