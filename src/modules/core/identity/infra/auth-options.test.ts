import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { loadWebEnv } from "@/lib/env/web";
import { buildAuthOptions } from "./auth-options";

const base = { DATABASE_URL: "postgres://localhost/x", NEXTAUTH_SECRET: "s".repeat(32), HOST: "127.0.0.1" };
// Building options never touches the database; it is only used inside callbacks.
const noDb = {} as Db;
// NextAuth applies a provider's `options.id` over its default id when it loads the providers.
const providerIds = (env: Record<string, string>) =>
  buildAuthOptions(loadWebEnv({ ...base, ...env }), noDb).providers.map(
    (p) => (p as { options?: { id?: string } }).options?.id ?? p.id,
  );

describe("sign-in providers follow configuration", () => {
  it("offers only the dev sign-in on a bare development setup", () => {
    expect(providerIds({})).toEqual(["dev"]);
  });

  it("has no dev sign-in in production unless explicitly enabled", () => {
    expect(providerIds({ NODE_ENV: "production" })).toEqual([]);
    expect(providerIds({ NODE_ENV: "production", AUTH_DEV_LOGIN: "true" })).toEqual(["dev"]);
  });

  it("adds Google and OIDC when their settings are present", () => {
    const ids = providerIds({
      NODE_ENV: "production",
      GOOGLE_CLIENT_ID: "g",
      GOOGLE_CLIENT_SECRET: "gs",
      OIDC_ISSUER: "https://idp.example",
      OIDC_CLIENT_ID: "c",
      OIDC_CLIENT_SECRET: "cs",
    });
    expect(ids).toEqual(["google", "oidc"]);
  });

  it("uses JWT sessions and the app's own sign-in page", () => {
    const options = buildAuthOptions(loadWebEnv(base), noDb);
    expect(options.session?.strategy).toBe("jwt");
    expect(options.pages?.signIn).toBe("/signin");
  });
});
