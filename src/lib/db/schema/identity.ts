import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

const tz = { withTimezone: true } as const;

export const users = pgTable("users", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  email: text().notNull().unique(),
  /**
   * When a provider last vouched for `email` (null = unverified). Only a verified address makes
   * someone an administrator or lets them accept an invitation sent to it.
   */
  emailVerified: timestamp(tz),
  /** Which sign-in vouched for it: `google`, `oidc` or `dev` (the loopback-only dev sign-in). */
  emailVerifiedBy: text(),
  image: text(),
  createdAt: timestamp(tz).notNull().defaultNow(),
  updatedAt: timestamp(tz).notNull().defaultNow(),
});

// The three tables below follow the NextAuth (Auth.js) adapter model so an adapter can be
// plugged in later; with JWT sessions only `accounts` is written (provider links).
export const accounts = pgTable(
  "accounts",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refreshToken: text(),
    accessToken: text(),
    expiresAt: integer(),
    tokenType: text(),
    scope: text(),
    idToken: text(),
    sessionState: text(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index().on(t.userId)],
);

export const authSessions = pgTable("auth_sessions", {
  sessionToken: text().primaryKey(),
  userId: uuid()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp(tz).notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: timestamp(tz).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);
