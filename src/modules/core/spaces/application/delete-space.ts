import type { Db } from "@/lib/db/client";
import { ForbiddenError } from "@/modules/core/shared/domain/errors";
import { type MediaServer, listOpenSessionIds } from "@/modules/core/sessions";
import { roomName } from "@/modules/core/sessions/domain/video-session";
import { canDeleteSpace } from "../domain/space";
import { deleteSpace as deleteRow, lockSpace } from "../infra/space-repository";
import { requireMembership, spaceNotFound } from "./access";

/**
 * Deletes the space with its sessions (cascade). Calls still running in it are closed on the
 * media server afterwards, so nobody stays in a room whose session no longer exists.
 */
export async function deleteSpace(
  db: Db,
  media: MediaServer | null,
  input: { userId: string; spaceId: string },
): Promise<void> {
  const open = await db.transaction(async (tx) => {
    if (!(await lockSpace(tx, input.spaceId))) throw spaceNotFound();
    const role = await requireMembership(tx, input.spaceId, input.userId);
    if (!canDeleteSpace(role)) throw new ForbiddenError("forbidden", "Only an owner can delete this space.");
    const ids = await listOpenSessionIds(tx, input.spaceId);
    await deleteRow(tx, input.spaceId);
    return ids;
  });
  if (media) await Promise.allSettled(open.map((id) => media.deleteRoom(roomName({ id }))));
}
