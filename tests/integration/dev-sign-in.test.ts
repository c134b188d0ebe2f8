import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { loadWebEnv } from "@/lib/env/web";
import { accounts, users } from "@/lib/db/schema/identity";
import { signInDev } from "@/modules/core/identity/application/sign-in-dev";
import { signInWithProvider } from "@/modules/core/identity/application/sign-in-with-provider";
import { buildAuthOptions } from "@/modules/core/identity/infra/auth-options";
import { uniqueEmail } from "../support/api";

/** The dev provider's `authorize`, exactly as NextAuth calls it with the posted form fields. */
function devAuthorize() {
  const options = buildAuthOptions(loadWebEnv(), getDb());
  const dev = options.providers.find((p) => (p as { options?: { id?: string } }).options?.id === "dev") as {
    options: { authorize: (raw: Record<string, string>) => Promise<unknown> };
  };
  return (raw: Record<string, string>) => dev.options.authorize(raw);
}

async function snapshot(email: string) {
  const rows = await getDb()
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  const links = rows.length
    ? await getDb().select().from(accounts).where(eq(accounts.userId, rows[0]!.id))
    : [];
  return { rows, links };
}

describe("dev sign-in", () => {
  it.each(["oidc", "google"] as const)("never claims a user linked to a %s account", async (provider) => {
    const email = uniqueEmail(provider);
    const linked = await signInWithProvider(getDb(), {
      provider,
      type: "oauth",
      providerAccountId: randomBytes(6).toString("hex"),
      email,
      emailVerified: true,
      name: "Real Owner",
    });
    const before = await snapshot(email);
    expect(before.rows).toHaveLength(1);
    expect(before.links).toHaveLength(1);

    await expect(signInDev(getDb(), { name: "Intruder", email })).rejects.toMatchObject({
      code: "dev_sign_in_provider_account",
      kind: "forbidden",
    });
    // Through the NextAuth provider, with the case and spacing an attacker might try.
    const authorize = devAuthorize();
    for (const variant of [email, email.toUpperCase(), `  ${email}  `]) {
      await expect(authorize({ name: "Intruder", email: variant })).rejects.toThrow(
        /^dev_sign_in_provider_account$/,
      );
    }

    const after = await snapshot(email);
    expect(after).toEqual(before);
    expect(after.rows[0]).toMatchObject({ id: linked.id, name: "Real Owner" });
  });

  it("still signs in a user without provider accounts, matching the normalised email exactly", async () => {
    const email = uniqueEmail("dev");
    const authorize = devAuthorize();
    const first = (await authorize({ name: "Dev", email: email.toUpperCase() })) as {
      id: string;
      email: string;
    };
    expect(first.email).toBe(email);
    const again = (await authorize({ name: "Dev", email })) as { id: string };
    expect(again.id).toBe(first.id);
    const other = (await authorize({ name: "Dev", email: `x${email}` })) as { id: string };
    expect(other.id).not.toBe(first.id);
  });
});
