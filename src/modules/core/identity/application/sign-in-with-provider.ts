import type { Db } from "@/lib/db/client";
import { ConflictError, ForbiddenError, UnprocessableError } from "@/modules/core/shared/domain/errors";
import type { EmailVerifier, Profile } from "../domain/user";
import {
  findUserByAccount,
  findUserByEmail,
  linkAccount,
  markEmailVerified,
  upsertUserByEmail,
} from "../infra/user-repository";

export type ProviderIdentity = {
  provider: Exclude<EmailVerifier, "dev">;
  type: string;
  providerAccountId: string;
  email?: string | null;
  /** What the provider said (`email_verified`), never assumed. */
  emailVerified: boolean;
  name?: string | null;
  image?: string | null;
};

/**
 * OAuth/OIDC sign-in: find the user linked to this provider account, or create one.
 *
 * Nothing is created or linked on an address the provider has not verified: anyone can register
 * someone else's address with a provider that does not check it, and a user made that way would
 * later be handed to the real owner's verified sign-in (pre-account takeover). Such a sign-in is
 * refused with `email_not_verified` ("verify it with your provider first").
 * A new provider account is linked to an existing user only when both the provider and that user's
 * stored address are verified; a user whose address nobody has verified (made before this rule)
 * keeps its own sign-in and is never merged into.
 */
export async function signInWithProvider(db: Db, id: ProviderIdentity): Promise<Profile> {
  const linked = await findUserByAccount(db, id.provider, id.providerAccountId);
  if (linked) {
    // The provider vouches for the address now: from here on it identifies this user.
    if (id.emailVerified && id.email?.toLowerCase() === linked.email) {
      await markEmailVerified(db, linked.id, id.provider);
    }
    return linked;
  }
  if (!id.email) {
    throw new UnprocessableError("email_required", "Your sign-in provider did not share an email address.");
  }
  if (!id.emailVerified) {
    throw new ForbiddenError(
      "email_not_verified",
      "Your sign-in provider has not verified this email address. Verify it there first, then sign in again.",
      { internal: `${id.provider} sign-in refused: email not verified` },
    );
  }
  const email = id.email;
  return db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, email, { forUpdate: true });
    if (existing && !existing.emailVerified) {
      throw new ConflictError(
        "account_not_linked",
        "An account with this email already exists. Sign in the way you did before.",
        { internal: `not linking ${id.provider} to user ${existing.id}: its address is unverified` },
      );
    }
    const user =
      existing ??
      (await upsertUserByEmail(tx, {
        email,
        name: id.name?.trim() || email.split("@")[0]!,
        image: id.image,
        verifiedBy: id.provider,
      }));
    await linkAccount(tx, {
      userId: user.id,
      type: id.type,
      provider: id.provider,
      providerAccountId: id.providerAccountId,
    });
    return user;
  });
}
