import type { Db } from "@/lib/db/client";
import type { Knock } from "../domain/knock";
import { findKnockOf, moveKnock } from "../infra/knock-repository";
import { findSessionBySlug } from "../infra/session-repository";
import { sessionNotFound, type Viewer } from "./access";
import { knockNotFound, ownKnocker } from "./lobby-access";

/** A waiting knocker withdraws their own knock (account or cookie id); the host's notice goes away. */
export async function cancelKnock(db: Db, input: { slug: string; viewer: Viewer }): Promise<Knock> {
  const session = await findSessionBySlug(db, input.slug);
  if (!session || !session.allowGuests) throw sessionNotFound(input.viewer.user !== null);
  const knocker = ownKnocker(input.viewer);
  const own = knocker ? await findKnockOf(db, session.id, knocker) : null;
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
