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

export function formatDate(locale: Locale, value: Date | string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(value));
}
