import { count, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { spaceInviteLinks, spaceMembers, spaces } from "@/lib/db/schema/spaces";
import { couldBeInviteToken, type InviteLink } from "../domain/invite-link";

const linkColumns = {
  token: spaceInviteLinks.token,
  role: spaceInviteLinks.role,
  createdAt: spaceInviteLinks.createdAt,
};

export async function findInviteLinkOfSpace(db: Executor, spaceId: string): Promise<InviteLink | null> {
  const [row] = await db
    .select(linkColumns)
    .from(spaceInviteLinks)
    .where(eq(spaceInviteLinks.spaceId, spaceId));
  return row ?? null;
}

/** One link per space: a new one replaces the old token, which stops working at once. */
export async function replaceInviteLink(
  db: Executor,
  input: { spaceId: string; token: string; createdBy: string },
): Promise<InviteLink> {
  const [row] = await db
    .insert(spaceInviteLinks)
    .values({ ...input, role: "MEMBER" })
    .onConflictDoUpdate({
      target: spaceInviteLinks.spaceId,
      set: { token: input.token, createdBy: input.createdBy, role: "MEMBER", createdAt: new Date() },
    })
    .returning(linkColumns);
  return row!;
}

export async function deleteInviteLink(db: Executor, spaceId: string): Promise<void> {
  await db.delete(spaceInviteLinks).where(eq(spaceInviteLinks.spaceId, spaceId));
}

export async function findInviteLinkByToken(db: Executor, token: string) {
  if (!couldBeInviteToken(token)) return null;
  const [row] = await db
    .select({ spaceId: spaceInviteLinks.spaceId, spaceName: spaces.name, role: spaceInviteLinks.role })
    .from(spaceInviteLinks)
    .innerJoin(spaces, eq(spaces.id, spaceInviteLinks.spaceId))
    .where(eq(spaceInviteLinks.token, token));
  return row ?? null;
}

export async function countMembers(db: Executor, spaceId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(spaceMembers).where(eq(spaceMembers.spaceId, spaceId));
  return row?.n ?? 0;
}
