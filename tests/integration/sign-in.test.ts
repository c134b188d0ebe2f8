import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { accounts, users } from "@/lib/db/schema/identity";
import { signInDev } from "@/modules/core/identity/application/sign-in-dev";
import { signInWithProvider } from "@/modules/core/identity/application/sign-in-with-provider";
import { uniqueEmail } from "../support/api";

const sub = () => randomBytes(6).toString("hex");

describe("signing in with a provider", () => {
  it("creates a user and links the account on first sign-in, reuses it after", async () => {
    const email = uniqueEmail("oidc");
    const id = {
      provider: "oidc" as const,
      type: "oauth",
      providerAccountId: sub(),
      email,
      emailVerified: true,
      name: "Ada",
    };
    const first = await signInWithProvider(getDb(), id);
    const second = await signInWithProvider(getDb(), { ...id, email: "changed@example.test" });
    expect(second.id).toBe(first.id);
    const links = await getDb().select().from(accounts).where(eq(accounts.userId, first.id));
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ provider: "oidc", providerAccountId: id.providerAccountId });
  });

  it("links to an existing verified user only when the provider verified the email", async () => {
    const email = uniqueEmail("link");
    const existing = await signInDev(getDb(), { name: "Dev", email });
    const unverified = signInWithProvider(getDb(), {
      provider: "oidc",
      type: "oauth",
      providerAccountId: sub(),
      email,
      emailVerified: false,
    });
    await expect(unverified).rejects.toMatchObject({ code: "email_not_verified" });
    expect(await getDb().select().from(accounts).where(eq(accounts.userId, existing.id))).toHaveLength(0);
    const verified = await signInWithProvider(getDb(), {
      provider: "google",
      type: "oauth",
      providerAccountId: sub(),
      email: email.toUpperCase(),
      emailVerified: true,
    });
    expect(verified.id).toBe(existing.id);
  });

  it("refuses a provider identity without an email and creates nothing", async () => {
    const before = (await getDb().select({ id: users.id }).from(users)).length;
    await expect(
      signInWithProvider(getDb(), {
        provider: "oidc",
        type: "oauth",
        providerAccountId: sub(),
        emailVerified: true,
      }),
    ).rejects.toMatchObject({ code: "email_required" });
    expect((await getDb().select({ id: users.id }).from(users)).length).toBe(before);
  });

  it("keeps one user per email under concurrent first sign-ins", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all(
      Array.from({ length: 5 }, () => signInDev(getDb(), { name: "Racer", email })),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
  });
});
