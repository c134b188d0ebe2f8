import type { Db } from "@/lib/db/client";
import { ConflictError, UnprocessableError } from "@/modules/core/shared/domain/errors";
import type { Profile } from "../domain/user";
import { findUserByAccount, findUserByEmail, linkAccount, upsertUserByEmail } from "../infra/user-repository";

export type ProviderIdentity = {
  provider: string;
  type: string;
  providerAccountId: string;
  email?: string | null;
  emailVerified: boolean;
  name?: string | null;
  image?: string | null;
};

/**
 * OAuth/OIDC sign-in: find the user linked to this provider account, or create one. An account is
 * linked to an existing user with the same email only when the provider says the email is verified;
 * otherwise anyone could claim someone else's account by registering their address elsewhere.
 */
export async function signInWithProvider(db: Db, id: ProviderIdentity): Promise<Profile> {
  const linked = await findUserByAccount(db, id.provider, id.providerAccountId);
  if (linked) return linked;
  if (!id.email) {
    throw new UnprocessableError("email_required", "Your sign-in provider did not share an email address.");
  }
  return db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, id.email!);
    if (existing && !id.emailVerified) {
      throw new ConflictError(
        "account_not_linked",
        "An account with this email already exists. Sign in the way you did before.",
      );
    }
    const user =
      existing ??
      (await upsertUserByEmail(tx, {
        email: id.email!,
        name: id.name?.trim() || id.email!.split("@")[0]!,
        image: id.image,
        emailVerified: id.emailVerified ? new Date() : null,
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
