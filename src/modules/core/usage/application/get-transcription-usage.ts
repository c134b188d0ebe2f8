import type { Executor } from "@/lib/db/client";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { sessionForMetricsReader } from "./session-metrics-access";
import { budgetShare, budgetsOfSpace } from "../infra/budget-repository";
import { usageByParticipant, type ParticipantUsage } from "../infra/usage-repository";

export type SessionUsage = {
  participants: ParticipantUsage[];
  totals: { audioSeconds: number; billedSeconds: number; droppedSeconds: number; costUsd: number };
  /** The space's monthly budget (null: none) and its spend this month, for the host's warning. */
  budget: { budgetUsd: number | null; spentUsd: number; share: number | null };
};

/**
 * Metered transcription of one session, per participant and provider: audio received, seconds
 * billed, seconds the recognizer dropped (not billed), cost. Only the session's host, the space's owners/admins and the site's administrators
 * (`ADMIN_EMAILS`) may see it; everyone else gets the same 404 as for no session.
 */
export async function getTranscriptionUsage(
  db: Executor,
  input: { slug: string; user: SessionUser; adminEmails?: readonly string[] },
): Promise<SessionUsage> {
  const session = await sessionForMetricsReader(db, input);
  const [participants, space] = await Promise.all([
    usageByParticipant(db, session.id),
    budgetsOfSpace(db, session.spaceId),
  ]);
  const share = space ? budgetShare(space) : null;
  // Rounded to the columns' scale: a float sum of exact decimals is not one (0.001 + 0.009).
  const sum = (k: "audioSeconds" | "billedSeconds" | "droppedSeconds" | "costUsd") => {
    const scale = k === "costUsd" ? 1e6 : 1e3;
    return Math.round(participants.reduce((acc, p) => acc + p[k], 0) * scale) / scale;
  };
  return {
    participants,
    totals: {
      audioSeconds: sum("audioSeconds"),
      billedSeconds: sum("billedSeconds"),
      droppedSeconds: sum("droppedSeconds"),
      costUsd: sum("costUsd"),
    },
    budget: {
      budgetUsd: space?.budgetUsd ?? null,
      spentUsd: space?.spentUsd ?? 0,
      share: share === Infinity ? 1 : share,
    },
  };
}
