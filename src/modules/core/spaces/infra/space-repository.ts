import { and, count, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { users } from "@/lib/db/schema/identity";
import { spaceMembers, spaces } from "@/lib/db/schema/spaces";
import type { Space, SpaceMember, SpaceRole, SpaceSummary } from "../domain/space";

export async function insertSpace(db: Executor, name: string): Promise<Space> {
  const [row] = await db.insert(spaces).values({ name }).returning();
  return row!;
}

export async function insertMember(db: Executor, spaceId: string, userId: string, role: SpaceRole) {
  const rows = await db
    .insert(spaceMembers)
    .values({ spaceId, userId, role })
    .onConflictDoNothing({ target: [spaceMembers.spaceId, spaceMembers.userId] })
    .returning({ id: spaceMembers.id });
  return rows.length > 0;
}

/**
 * Takes a row lock on the space so membership changes in one space run one at a time; without it
 * two owners leaving together could both see "another owner remains".
 */
export async function lockSpace(db: Executor, spaceId: string): Promise<boolean> {
  const rows = await db.select({ id: spaces.id }).from(spaces).where(eq(spaces.id, spaceId)).for("update");
  return rows.length > 0;
}

export async function findRole(db: Executor, spaceId: string, userId: string): Promise<SpaceRole | null> {
  const [row] = await db
    .select({ role: spaceMembers.role })
    .from(spaceMembers)
    .where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.userId, userId)));
  return row?.role ?? null;
}

export async function findSpace(db: Executor, spaceId: string): Promise<Space | null> {
  const [row] = await db.select().from(spaces).where(eq(spaces.id, spaceId));
  return row ?? null;
}

export async function listSpacesForUser(db: Executor, userId: string): Promise<SpaceSummary[]> {
  const counts = db
    .select({ spaceId: spaceMembers.spaceId, n: count().as("n") })
    .from(spaceMembers)
    .groupBy(spaceMembers.spaceId)
    .as("counts");
  const rows = await db
    .select({
      id: spaces.id,
      name: spaces.name,
      createdAt: spaces.createdAt,
      updatedAt: spaces.updatedAt,
      role: spaceMembers.role,
      memberCount: counts.n,
    })
    .from(spaceMembers)
    .innerJoin(spaces, eq(spaces.id, spaceMembers.spaceId))
    .innerJoin(counts, eq(counts.spaceId, spaces.id))
    .where(eq(spaceMembers.userId, userId))
    .orderBy(desc(spaces.updatedAt));
  return rows.map((r) => ({ ...r, memberCount: Number(r.memberCount) }));
}

export async function renameSpace(db: Executor, spaceId: string, name: string): Promise<Space> {
  const [row] = await db
    .update(spaces)
    .set({ name, updatedAt: sql`now()` })
    .where(eq(spaces.id, spaceId))
    .returning();
  return row!;
}

export async function deleteSpace(db: Executor, spaceId: string): Promise<void> {
  await db.delete(spaces).where(eq(spaces.id, spaceId));
}

/** Members of a space, or just `userId` among them. */
export async function listMembers(db: Executor, spaceId: string, userId?: string): Promise<SpaceMember[]> {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      image: users.image,
      role: spaceMembers.role,
      joinedAt: spaceMembers.createdAt,
    })
    .from(spaceMembers)
    .innerJoin(users, eq(users.id, spaceMembers.userId))
    .where(and(eq(spaceMembers.spaceId, spaceId), userId ? eq(spaceMembers.userId, userId) : undefined))
    .orderBy(spaceMembers.createdAt);
}

export async function setMemberRole(db: Executor, spaceId: string, userId: string, role: SpaceRole) {
  await db
    .update(spaceMembers)
    .set({ role })
    .where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.userId, userId)));
}

export async function deleteMember(db: Executor, spaceId: string, userId: string) {
  await db
    .delete(spaceMembers)
    .where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.userId, userId)));
}

export async function countOwners(db: Executor, spaceId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(spaceMembers)
    .where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.role, "OWNER")));
  return Number(row?.n ?? 0);
}
