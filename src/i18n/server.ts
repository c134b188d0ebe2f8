import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, type Locale } from "./config";
import { en, type Messages } from "./messages/en";
import { ru } from "./messages/ru";
import { negotiateLocale } from "./negotiate";

// Server-only: both dictionaries live here, and client components get slices of one as props.
const DICTIONARIES: Record<Locale, Messages> = { en, ru };

/** For server components: the cookie choice if any, else the browser's Accept-Language. */
export async function getLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return negotiateLocale({
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get("accept-language"),
  });
}

export async function getMessages(): Promise<{ locale: Locale; t: Messages }> {
  const locale = await getLocale();
  return { locale, t: DICTIONARIES[locale] };
}
