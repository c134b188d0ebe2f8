import type { Executor } from "@/lib/db/client";
import { ForbiddenError } from "@/modules/core/shared/domain/errors";
import type { Profile } from "../domain/user";
import {
  findUserByEmail,
  hasProviderAccount,
  markEmailVerified,
  upsertUserByEmail,
} from "../infra/user-repository";

/**
 * Development sign-in: whoever types an email is that user, so it is only reachable on a loopback
 * server (see the web env). Even there it never takes over an account that a real provider
 * (Google, OIDC) vouches for: those users have to sign in through their provider.
 * Its addresses count as verified (`dev`): the only person who can reach it is the one at this
 * computer, who could as well edit the database, and local testing of admins and invitations
 * needs verified addresses.
 * `input.email` is already normalised (trimmed, lower-cased) by the domain's `email` schema.
 */
export function signInDev(db: Executor, input: { name: string; email: string }): Promise<Profile> {
  return db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, input.email, { forUpdate: true });
    if (existing && (await hasProviderAccount(tx, existing.id))) {
      throw new ForbiddenError(
        "dev_sign_in_provider_account",
        "This email belongs to an account that signs in with a provider. Use that sign-in instead.",
        { internal: `dev sign-in refused for user ${existing.id}: linked to a provider account` },
      );
    }
    if (!existing) return upsertUserByEmail(tx, { email: input.email, name: input.name, verifiedBy: "dev" });
    if (!existing.emailVerified) await markEmailVerified(tx, existing.id, "dev");
    return existing;
  });
}
