import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { lobbyKnocks } from "@/lib/db/schema/lobby";
import type { Knock, KnockStatus } from "../domain/knock";

const columns = {
  id: lobbyKnocks.id,
  videoSessionId: lobbyKnocks.videoSessionId,
  guestId: lobbyKnocks.guestId,
  displayName: lobbyKnocks.displayName,
  status: lobbyKnocks.status,
  createdAt: lobbyKnocks.createdAt,
  decidedAt: lobbyKnocks.decidedAt,
};

export async function findKnockOf(db: Executor, sessionId: string, guestId: string): Promise<Knock | null> {
  const [row] = await db
    .select(columns)
    .from(lobbyKnocks)
    .where(and(eq(lobbyKnocks.videoSessionId, sessionId), eq(lobbyKnocks.guestId, guestId)));
  return row ?? null;
}

/**
 * Knocks again: a new guest's row, or a cancelled one waiting again under its (new) name. A denied
 * knock stays denied, so a refused guest cannot keep the host's notice coming back.
 */
export async function upsertKnock(
  db: Executor,
  values: { videoSessionId: string; guestId: string; displayName: string },
): Promise<Knock> {
  const [row] = await db
    .insert(lobbyKnocks)
    .values(values)
    .onConflictDoUpdate({
      target: [lobbyKnocks.videoSessionId, lobbyKnocks.guestId],
      set: { displayName: values.displayName, status: "WAITING", createdAt: new Date(), decidedAt: null },
      setWhere: eq(lobbyKnocks.status, "CANCELLED"),
    })
    .returning(columns);
  return row ?? (await findKnockOf(db, values.videoSessionId, values.guestId))!;
}

export async function listWaitingKnocks(db: Executor, sessionId: string): Promise<Knock[]> {
  return db
    .select(columns)
    .from(lobbyKnocks)
    .where(and(eq(lobbyKnocks.videoSessionId, sessionId), eq(lobbyKnocks.status, "WAITING")))
    .orderBy(asc(lobbyKnocks.createdAt));
}

/** Moves a knock from `from` to `to`; null when it is not in `from` (already decided, cancelled, or not this session's). */
export async function moveKnock(
  db: Executor,
  input: { sessionId: string; knockId: string; from: KnockStatus; to: KnockStatus; byUserId: string | null },
): Promise<Knock | null> {
  const [row] = await db
    .update(lobbyKnocks)
    .set({ status: input.to, decidedAt: new Date(), decidedByUserId: input.byUserId })
    .where(
      and(
        eq(lobbyKnocks.id, input.knockId),
        eq(lobbyKnocks.videoSessionId, input.sessionId),
        eq(lobbyKnocks.status, input.from),
      ),
    )
    .returning(columns);
  return row ?? null;
}
