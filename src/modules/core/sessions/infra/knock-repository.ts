import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { lobbyKnocks } from "@/lib/db/schema/lobby";
import type { Knock, Knocker, KnockStatus } from "../domain/knock";

const columns = {
  id: lobbyKnocks.id,
  videoSessionId: lobbyKnocks.videoSessionId,
  guestId: lobbyKnocks.guestId,
  userId: lobbyKnocks.userId,
  displayName: lobbyKnocks.displayName,
  status: lobbyKnocks.status,
  createdAt: lobbyKnocks.createdAt,
  decidedAt: lobbyKnocks.decidedAt,
};

const byKnocker = (k: Knocker) =>
  k.kind === "user" ? eq(lobbyKnocks.userId, k.userId) : eq(lobbyKnocks.guestId, k.guestId);

export async function findKnockOf(db: Executor, sessionId: string, knocker: Knocker): Promise<Knock | null> {
  const [row] = await db
    .select(columns)
    .from(lobbyKnocks)
    .where(and(eq(lobbyKnocks.videoSessionId, sessionId), byKnocker(knocker)));
  return row ?? null;
}

/**
 * Knocks again: a new knocker's row, or a cancelled one waiting again under its (new) name. A denied
 * knock stays denied, so a refused knocker cannot keep the host's notice coming back; the unique
 * per session and knocker means nobody holds two knocks at once, however fast they ask.
 */
export async function upsertKnock(
  db: Executor,
  values: { videoSessionId: string; knocker: Knocker; displayName: string },
): Promise<Knock> {
  const { knocker } = values;
  const [row] = await db
    .insert(lobbyKnocks)
    .values({
      videoSessionId: values.videoSessionId,
      guestId: knocker.kind === "guest" ? knocker.guestId : null,
      userId: knocker.kind === "user" ? knocker.userId : null,
      displayName: values.displayName,
    })
    .onConflictDoUpdate({
      target: [
        lobbyKnocks.videoSessionId,
        knocker.kind === "user" ? lobbyKnocks.userId : lobbyKnocks.guestId,
      ],
      set: { displayName: values.displayName, status: "WAITING", createdAt: new Date(), decidedAt: null },
      setWhere: eq(lobbyKnocks.status, "CANCELLED"),
    })
    .returning(columns);
  return row ?? (await findKnockOf(db, values.videoSessionId, knocker))!;
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
