import { NextResponse } from "next/server";
import { z } from "zod";
import { parseJsonBody } from "@/server/http/body";
import { route } from "@/server/http/route";
import { BadRequestError } from "@/modules/core/shared/domain/errors";
import { LOCALE_COOKIE, LOCALES } from "./config";

const body = z.object({ locale: z.enum(LOCALES) }).strict();
const ONE_YEAR = 365 * 24 * 60 * 60;

/** POST {locale}: remembers the language choice in a cookie. Open to signed-out visitors too. */
export const setLocaleEndpoint = route({ auth: false }, async ({ req }) => {
  const parsed = body.safeParse(await parseJsonBody(req, z.unknown()));
  if (!parsed.success) {
    throw new BadRequestError(
      "invalid_locale",
      `Send {"locale": ${LOCALES.map((l) => `"${l}"`).join(" | ")}}.`,
    );
  }
  const res = NextResponse.json({ locale: parsed.data.locale });
  res.cookies.set(LOCALE_COOKIE, parsed.data.locale, {
    path: "/",
    maxAge: ONE_YEAR,
    sameSite: "lax",
    httpOnly: true,
    secure: req.nextUrl.protocol === "https:",
  });
  return res;
});
