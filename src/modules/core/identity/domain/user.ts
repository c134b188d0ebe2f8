import { z } from "zod";

/** Who is making a request, as the session token says. */
export type SessionUser = { id: string; name: string; email: string };

export type Profile = {
  id: string;
  name: string;
  email: string;
  image: string | null;
  createdAt: Date;
};

export const displayName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(80, "must be at most 80 characters")
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "must not contain control characters");

export const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email("must be a valid email address"))
  .transform((s) => s.toLowerCase());
