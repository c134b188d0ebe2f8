import type { Db } from "@/lib/db/client";
import type { SpaceSummary } from "../domain/space";
import { insertMember, insertSpace } from "../infra/space-repository";

export async function createSpace(db: Db, input: { userId: string; name: string }): Promise<SpaceSummary> {
  return db.transaction(async (tx) => {
    const space = await insertSpace(tx, input.name);
    await insertMember(tx, space.id, input.userId, "OWNER");
    return { ...space, role: "OWNER", memberCount: 1 };
  });
}
