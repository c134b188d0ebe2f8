import type { Db } from "@/lib/db/client";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import type { Knock } from "../domain/knock";
import { moveKnock } from "../infra/knock-repository";
import { knockNotFound, sessionForAdmitter } from "./lobby-access";

/**
 * The host or a space admin admits or denies a waiting guest. Only a waiting knock of this session
 * moves: a decided, withdrawn or foreign one is 404, so two admins answering at once is harmless.
 * An admitted guest then joins like anyone (the seat limit still applies).
 */
export async function decideKnock(
  db: Db,
  input: { slug: string; user: SessionUser; knockId: string; decision: "admit" | "deny" },
): Promise<Knock> {
  const session = await sessionForAdmitter(db, input);
  const moved = await moveKnock(db, {
    sessionId: session.id,
    knockId: input.knockId,
    from: "WAITING",
    to: input.decision === "admit" ? "ADMITTED" : "DENIED",
    byUserId: input.user.id,
  });
  if (!moved) throw knockNotFound();
  return moved;
}
