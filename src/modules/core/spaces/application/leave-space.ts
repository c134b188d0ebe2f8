import type { Db } from "@/lib/db/client";
import { removeMember } from "./remove-member";

export function leaveSpace(db: Db, input: { userId: string; spaceId: string }): Promise<void> {
  return removeMember(db, { ...input, memberUserId: input.userId });
}
