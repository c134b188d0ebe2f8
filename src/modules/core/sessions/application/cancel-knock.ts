import type { Db } from "@/lib/db/client";
import type { Knock } from "../domain/knock";
import { findKnockOf, moveKnock } from "../infra/knock-repository";
import { findSessionBySlug } from "../infra/session-repository";
import { sessionNotFound } from "./access";
import { knockNotFound } from "./lobby-access";

/** A waiting guest withdraws their own knock (cookie id); the host's notice goes away. */
export async function cancelKnock(db: Db, input: { slug: string; guestId: string | null }): Promise<Knock> {
  const session = await findSessionBySlug(db, input.slug);
  if (!session || !session.allowGuests) throw sessionNotFound(false);
  const own = input.guestId ? await findKnockOf(db, session.id, input.guestId) : null;
  if (!own) throw knockNotFound();
  const moved = await moveKnock(db, {
    sessionId: session.id,
    knockId: own.id,
    from: "WAITING",
    to: "CANCELLED",
    byUserId: null,
  });
  return moved ?? own;
}
