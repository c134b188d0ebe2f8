import { z } from "zod";
import { lineOfText } from "@/modules/core/shared/domain/text";

/** Who is making a request, as the session token says. */
export type SessionUser = { id: string; name: string; email: string };

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
