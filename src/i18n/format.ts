import type { Locale } from "./config";

/** Plural forms as CLDR names them; English needs one/other, Russian one/few/many/other. */
export type Plural = { one: string; few?: string; many?: string; other: string };

/** Replaces `{name}` placeholders; unknown placeholders are left visible so they get noticed. */
export function format(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

export function plural(locale: Locale, forms: Plural, count: number): string {
  const rule = new Intl.PluralRules(locale).select(count) as keyof Plural;
  return format(forms[rule] ?? forms.other, { count });
}

// Parts are spelled out instead of dateStyle/timeStyle: Node 20 throws when those meet
// timeZoneName, and a server render must name the zone it used.
const DATE: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric" };
const TIME: Intl.DateTimeFormatOptions = { hour: "numeric", minute: "2-digit" };

/** `timeZone` for a calendar day stored as its midnight UTC (a due date), shown as that same day anywhere. */
export function formatDate(locale: Locale, value: Date | string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { ...DATE, timeZone }).format(new Date(value));
}

/**
 * Date and time in the runtime's zone, or in `timeZone` with its name shown (what a server
 * render uses, since only the browser knows the viewer's zone).
 */
export function dateTimeFormatter(locale: Locale, timeZone?: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    ...DATE,
    ...TIME,
    ...(timeZone ? { timeZone, timeZoneName: "short" } : {}),
  });
}
