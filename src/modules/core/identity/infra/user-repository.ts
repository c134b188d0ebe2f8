import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { accounts, users } from "@/lib/db/schema/identity";
import type { EmailVerifier, Profile, SessionUser } from "../domain/user";

const profileColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  image: users.image,
  createdAt: users.createdAt,
};

export async function findUserById(db: Executor, id: string): Promise<Profile | null> {
  const [row] = await db.select(profileColumns).from(users).where(eq(users.id, id));
  return row ?? null;
}

/** Who a session token's user id is now; null when that user no longer exists. */
export async function findSessionUser(db: Executor, id: string): Promise<SessionUser | null> {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      emailVerified: sql<boolean>`${users.emailVerified} is not null`,
    })
    .from(users)
    .where(eq(users.id, id));
  return row ?? null;
}

/** Exact match on the stored (lower-cased) address; `forUpdate` locks the row until commit. */
export async function findUserByEmail(
  db: Executor,
  email: string,
  opts: { forUpdate?: boolean } = {},
): Promise<(Profile & { emailVerified: boolean }) | null> {
  const query = db
    .select({ ...profileColumns, emailVerified: sql<boolean>`${users.emailVerified} is not null` })
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  const [row] = opts.forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function hasProviderAccount(db: Executor, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(accounts)
    .where(eq(accounts.userId, userId))
    .limit(1);
  return row !== undefined;
}

export async function findUserByAccount(
  db: Executor,
  provider: string,
  providerAccountId: string,
): Promise<Profile | null> {
  const [row] = await db
    .select(profileColumns)
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
  return row ?? null;
}

/** Inserts the user, or returns the existing one when the email is taken (concurrent first sign-ins). */
export async function upsertUserByEmail(
  db: Executor,
  input: { email: string; name: string; image?: string | null; verifiedBy: EmailVerifier },
): Promise<Profile> {
  const [row] = await db
    .insert(users)
    .values({
      email: input.email.toLowerCase(),
      name: input.name,
      image: input.image ?? null,
      emailVerified: sql`now()`,
      emailVerifiedBy: input.verifiedBy,
    })
    .onConflictDoUpdate({ target: users.email, set: { email: sql`excluded.email` } })
    .returning(profileColumns);
  return row!;
}

/** Records that `by` has just vouched for the user's current address. */
export async function markEmailVerified(db: Executor, id: string, by: EmailVerifier): Promise<void> {
  await db
    .update(users)
    .set({ emailVerified: sql`now()`, emailVerifiedBy: by })
    .where(eq(users.id, id));
}

export async function linkAccount(
  db: Executor,
  input: { userId: string; type: string; provider: string; providerAccountId: string },
): Promise<void> {
  await db.insert(accounts).values(input).onConflictDoNothing();
}

export async function updateUser(
  db: Executor,
  id: string,
  patch: { name?: string; image?: string | null },
): Promise<Profile | null> {
  const [row] = await db
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning(profileColumns);
  return row ?? null;
}
