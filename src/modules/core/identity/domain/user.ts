import { z } from "zod";
import { lineOfText } from "@/modules/core/shared/domain/text";

/**
 * Who is making a request, as the session token says. `emailVerified`: a provider vouched for
 * `email`; an unverified address is only a label, never proof of who someone is.
 */
export type SessionUser = { id: string; name: string; email: string; emailVerified: boolean };

export type Profile = {
  id: string;
  name: string;
  email: string;
  image: string | null;
  createdAt: Date;
};

export const displayName = lineOfText(80);

export const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email("must be a valid email address"))
  .transform((s) => s.toLowerCase());

/** Which sign-in vouched for an address (stored in `users.email_verified_by`). */
export type EmailVerifier = "google" | "oidc" | "dev";

/**
 * The OIDC `email_verified` claim as a provider sent it. The spec makes it a boolean; some
 * providers send the string "true". Anything else (absent included) is unverified.
 */
export function claimsEmailVerified(claim: unknown): boolean {
  return claim === true || claim === "true";
}
