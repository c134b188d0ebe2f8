import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { users } from "@/lib/db/schema/identity";
import { spaceInvitations, spaceMembers, spaces } from "@/lib/db/schema/spaces";
import type { MyInvitation, SpaceInvitation } from "../domain/invitation";
import type { SpaceRole } from "../domain/space";

const pending = (now: Date) => gt(spaceInvitations.expiresAt, now);

const spaceColumns = {
  id: spaceInvitations.id,
  email: spaceInvitations.email,
  role: spaceInvitations.role,
  status: sql<"pending">`'pending'`,
  invitedByName: users.name,
  createdAt: spaceInvitations.createdAt,
  expiresAt: spaceInvitations.expiresAt,
};

/** One row per space and address: inviting again refreshes role, inviter and expiry. */
export async function upsertInvitation(
  db: Executor,
  input: { spaceId: string; email: string; role: SpaceRole; invitedBy: string; expiresAt: Date },
) {
  const [row] = await db
    .insert(spaceInvitations)
    .values(input)
    .onConflictDoUpdate({
      target: [spaceInvitations.spaceId, spaceInvitations.email],
      set: {
        role: input.role,
        invitedBy: input.invitedBy,
        expiresAt: input.expiresAt,
        createdAt: sql`now()`,
      },
    })
    .returning({
      id: spaceInvitations.id,
      email: spaceInvitations.email,
      role: spaceInvitations.role,
      expiresAt: spaceInvitations.expiresAt,
    });
  return row!;
}

export async function listSpaceInvitations(
  db: Executor,
  spaceId: string,
  now: Date,
): Promise<SpaceInvitation[]> {
  return db
    .select(spaceColumns)
    .from(spaceInvitations)
    .leftJoin(users, eq(users.id, spaceInvitations.invitedBy))
    .where(and(eq(spaceInvitations.spaceId, spaceId), pending(now)))
    .orderBy(asc(spaceInvitations.createdAt));
}

export async function findSpaceInvitation(db: Executor, spaceId: string, id: string) {
  const [row] = await db
    .select({ id: spaceInvitations.id, role: spaceInvitations.role })
    .from(spaceInvitations)
    .where(and(eq(spaceInvitations.spaceId, spaceId), eq(spaceInvitations.id, id)));
  return row ?? null;
}

/** The invitation `id` if it is addressed to `email` and still open; `forUpdate` locks it. */
export async function findOpenInvitationFor(
  db: Executor,
  input: { id: string; email: string; now: Date; forUpdate?: boolean },
) {
  const query = db
    .select({ id: spaceInvitations.id, spaceId: spaceInvitations.spaceId, role: spaceInvitations.role })
    .from(spaceInvitations)
    .where(
      and(
        eq(spaceInvitations.id, input.id),
        eq(spaceInvitations.email, input.email.toLowerCase()),
        pending(input.now),
      ),
    );
  const [row] = input.forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function listInvitationsForEmail(
  db: Executor,
  email: string,
  now: Date,
): Promise<MyInvitation[]> {
  const rows = await db
    .select({
      id: spaceInvitations.id,
      spaceId: spaces.id,
      spaceName: spaces.name,
      role: spaceInvitations.role,
      invitedByName: users.name,
      expiresAt: spaceInvitations.expiresAt,
    })
    .from(spaceInvitations)
    .innerJoin(spaces, eq(spaces.id, spaceInvitations.spaceId))
    .leftJoin(users, eq(users.id, spaceInvitations.invitedBy))
    .where(and(eq(spaceInvitations.email, email.toLowerCase()), pending(now)))
    .orderBy(asc(spaceInvitations.createdAt));
  return rows.map(({ spaceId, spaceName, ...r }) => ({ ...r, space: { id: spaceId, name: spaceName } }));
}

export async function deleteInvitation(db: Executor, id: string): Promise<void> {
  await db.delete(spaceInvitations).where(eq(spaceInvitations.id, id));
}

/** Whether someone with this account address is already in the space. */
export async function isMemberEmail(db: Executor, spaceId: string, email: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(spaceMembers)
    .innerJoin(users, eq(users.id, spaceMembers.userId))
    .where(and(eq(spaceMembers.spaceId, spaceId), eq(users.email, email.toLowerCase())))
    .limit(1);
  return row !== undefined;
}
