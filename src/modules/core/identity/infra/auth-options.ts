import type { AuthOptions, Profile as OAuthProfile } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GoogleProvider from "next-auth/providers/google";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { WebEnv } from "@/lib/env/web";
import { safeCallbackPath } from "@/lib/safe-callback";
import { AppError } from "@/modules/core/shared/domain/errors";
import { claimsEmailVerified, displayName, email } from "../domain/user";
import { signInDev } from "../application/sign-in-dev";
import { signInWithProvider } from "../application/sign-in-with-provider";
import { authLogger } from "./auth-logger";
import { fetchOidcUserinfo } from "./oidc-userinfo";

type OidcClaims = OAuthProfile & {
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
  preferred_username?: string;
  picture?: string;
};

const devCredentials = z.object({ name: displayName, email });

export function oidcProvider(env: WebEnv): OAuthConfig<OidcClaims> | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    id: "oidc",
    name: env.OIDC_NAME,
    type: "oauth",
    wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (p) => ({
      id: p.sub,
      name: p.name ?? p.preferred_username ?? p.email ?? p.sub,
      email: p.email ?? null,
      image: p.picture ?? null,
    }),
  };
}

/** NextAuth configuration built from the validated env: providers, JWT sessions, user linking. */
export function buildAuthOptions(env: WebEnv, db: Db): AuthOptions {
  const providers: AuthOptions["providers"] = [];
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    providers.push(
      GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }),
    );
  }
  const oidc = oidcProvider(env);
  if (oidc) providers.push(oidc);
  if (env.devLoginEnabled) {
    providers.push(
      CredentialsProvider({
        id: "dev",
        name: "Dev sign-in",
        credentials: { name: { label: "Display name" }, email: { label: "Email", type: "email" } },
        async authorize(raw) {
          const parsed = devCredentials.safeParse(raw);
          if (!parsed.success) return null;
          try {
            const user = await signInDev(db, parsed.data);
            return { id: user.id, name: user.name, email: user.email, image: user.image };
          } catch (err) {
            // NextAuth hands a thrown error's message to the client as `error`: send the code only.
            if (err instanceof AppError) throw new Error(err.code);
            throw err;
          }
        },
      }),
    );
  }

  return {
    secret: env.NEXTAUTH_SECRET,
    providers,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    logger: authLogger,
    callbacks: {
      // The default accepts any URL on the base origin as given; ours also normalises the path.
      redirect: async ({ url, baseUrl }) => new URL(safeCallbackPath(url, baseUrl), baseUrl).href,
      async signIn({ user, account, profile }) {
        if (!account || account.type === "credentials") return true;
        if (account.provider !== "google" && account.provider !== "oidc") return false;
        const provider = account.provider;
        let claims = profile as OidcClaims | undefined;
        try {
          // Some providers put the email, or only its verification, in UserInfo rather than the ID token.
          const incomplete = !claims?.email || claims.email_verified === undefined;
          if (provider === "oidc" && incomplete && env.OIDC_ISSUER && account.access_token) {
            const info = await fetchOidcUserinfo(
              env.OIDC_ISSUER,
              account.access_token,
              account.providerAccountId,
            );
            claims = { ...claims, ...info };
            user.name = info.name ?? user.name;
            user.image = info.picture ?? user.image;
          }
          const dbUser = await signInWithProvider(db, {
            provider,
            type: account.type,
            providerAccountId: account.providerAccountId,
            // The address and its verification from the same source (UserInfo when it was asked).
            email: claims?.email ?? user.email,
            // Every provider, Google included, must say so: Google accounts can carry addresses
            // they never verified.
            emailVerified: claimsEmailVerified(claims?.email_verified),
            name: user.name,
            image: user.image,
          });
          // The JWT callback reads this: from here on the user id is ours, not the provider's.
          user.id = dbUser.id;
          user.email = dbUser.email;
          user.name = dbUser.name;
          return true;
        } catch (err) {
          if (err instanceof AppError) {
            return `/signin?error=${encodeURIComponent(err.code)}&provider=${encodeURIComponent(provider)}`;
          }
          throw err;
        }
      },
      async jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user && typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
  };
}
