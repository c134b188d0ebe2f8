import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Account, User } from "next-auth";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { webEnv } from "@/lib/env/web";
import { accounts, users } from "@/lib/db/schema/identity";
import { signInWithProvider } from "@/modules/core/identity/application/sign-in-with-provider";
import { buildAuthOptions } from "@/modules/core/identity/infra/auth-options";
import { usageStatsEndpoint } from "@/modules/core/usage/api/usage-stats-endpoints";
import { call, uniqueEmail, type TestUser } from "../support/api";
import { usageApi } from "@/modules/core/usage/api/contract";
import { expectReply } from "../support/contract";

// Read lazily by the web env on this file's first request.
const adminEmail = uniqueEmail("root");
process.env.ADMIN_EMAILS = adminEmail;

const sub = () => randomBytes(6).toString("hex");
const oidc = (email: string, emailVerified: boolean) => ({
  provider: "oidc" as const,
  type: "oauth",
  providerAccountId: sub(),
  email,
  emailVerified,
  name: "Someone",
});

async function userRows(email: string) {
  const rows = await getDb().select().from(users).where(eq(users.email, email));
  const links = rows[0] ? await getDb().select().from(accounts).where(eq(accounts.userId, rows[0].id)) : [];
  return { rows, links };
}

/**
 * A user as an unverified OIDC sign-in made them before this rule (the migration leaves every
 * existing user unverified): an OIDC link and an address nobody vouched for.
 */
async function preexistingUnverified(email: string, providerAccountId = sub()): Promise<TestUser> {
  const [row] = await getDb().insert(users).values({ email, name: "Squatter" }).returning();
  await getDb()
    .insert(accounts)
    .values({ userId: row!.id, type: "oauth", provider: "oidc", providerAccountId });
  const token = await encode({ token: { uid: row!.id, sub: row!.id }, secret: process.env.NEXTAUTH_SECRET! });
  return { ...row!, emailVerified: false, cookie: `next-auth.session-token=${token}` };
}

/** NextAuth's signIn callback, as it runs after a provider's callback. */
function providerCallback(provider: "google" | "oidc", claims: Record<string, unknown>) {
  const signIn = buildAuthOptions(webEnv(), getDb()).callbacks!.signIn!;
  const user = { id: String(claims.sub), email: (claims.email as string) ?? null, name: "Profile Name" };
  const account = { provider, type: "oauth", providerAccountId: String(claims.sub) } as Account;
  return signIn({ user: user as User, account, profile: claims as never });
}

const scopeOf = async (user: TestUser) =>
  expectReply(await call(usageStatsEndpoint, { method: "GET", user }), usageApi.usageStats).scope as string;

describe("sign-in never trusts an unverified email", () => {
  it("an unverified OIDC sign-in creates no user and links nothing", async () => {
    const email = uniqueEmail("unverified");
    await expect(signInWithProvider(getDb(), oidc(email, false))).rejects.toMatchObject({
      code: "email_not_verified",
    });
    expect((await userRows(email)).rows).toHaveLength(0);
  });

  it("a later verified Google sign-in is not linked to an account made on an unverified address", async () => {
    const email = uniqueEmail("victim");
    const squatter = await preexistingUnverified(email);
    await expect(
      signInWithProvider(getDb(), {
        provider: "google",
        type: "oauth",
        providerAccountId: sub(),
        email,
        emailVerified: true,
      }),
    ).rejects.toMatchObject({ code: "account_not_linked" });
    const { links } = await userRows(email);
    expect(links.map((l) => l.provider)).toEqual(["oidc"]);
    expect(links[0]!.userId).toBe(squatter.id);
  });

  it("refuses a Google profile whose email_verified is false, and accepts a verified one", async () => {
    const email = uniqueEmail("google");
    const refused = await providerCallback("google", { sub: sub(), email, email_verified: false });
    expect(refused).toBe("/signin?error=email_not_verified&provider=google");
    expect((await userRows(email)).rows).toHaveLength(0);

    // Missing is not verified either.
    expect(await providerCallback("google", { sub: sub(), email })).toMatch(/error=email_not_verified/);

    expect(await providerCallback("google", { sub: sub(), email, email_verified: true })).toBe(true);
    const { rows, links } = await userRows(email);
    expect(rows[0]).toMatchObject({ emailVerifiedBy: "google" });
    expect(rows[0]!.emailVerified).toBeInstanceOf(Date);
    expect(links.map((l) => l.provider)).toEqual(["google"]);
  });

  it("refuses an OIDC ID token with email_verified false through the callback", async () => {
    const email = uniqueEmail("oidc-cb");
    const refused = await providerCallback("oidc", { sub: sub(), email, email_verified: false });
    expect(refused).toBe("/signin?error=email_not_verified&provider=oidc");
    expect((await userRows(email)).rows).toHaveLength(0);
  });

  it("ADMIN_EMAILS counts only a verified address; a verified sign-in of the linked account verifies it", async () => {
    const admin = await preexistingUnverified(adminEmail);
    expect(await scopeOf(admin)).toBe("user");

    const providerAccountId = (await userRows(adminEmail)).links[0]!.providerAccountId;
    // Still unverified: signing in works (the account is linked), the address stays unproven.
    await signInWithProvider(getDb(), { ...oidc(adminEmail, false), providerAccountId });
    expect(await scopeOf(admin)).toBe("user");

    await signInWithProvider(getDb(), { ...oidc(adminEmail, true), providerAccountId });
    expect((await userRows(adminEmail)).rows[0]).toMatchObject({ emailVerifiedBy: "oidc" });
    expect(await scopeOf(admin)).toBe("all");
  });
});
