import Link from "next/link";
import type { Locale } from "@/i18n/config";
import { format } from "@/i18n/format";
import type { Messages } from "@/i18n/messages/en";
import { Avatar } from "../ui";
import { LanguageSwitcher } from "./language-switcher";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

type Props = {
  locale: Locale;
  t: Messages["layout"];
  signedIn: boolean;
  admin?: boolean;
  /** Who is signed in, shown beside Sign out so a shared computer's user is not a guess. */
  who: { name: string; email: string; image: string | null } | null;
  /** "Signed in as {name}". */
  signedInAs: string;
};

export function SiteHeader({ locale, t, signedIn, admin = false, who, signedInAs }: Props) {
  return (
    <header className="sticky top-0 z-10 border-b border-zinc-200 bg-white/85 backdrop-blur">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <Link
          href="/"
          className="flex items-center gap-2 rounded-md text-base font-semibold tracking-tight text-zinc-900"
        >
          <span
            aria-hidden
            className="inline-block size-6 rounded-md bg-indigo-600 shadow-sm ring-1 ring-indigo-700/20"
          />
          {t.appName}
        </Link>
        {signedIn && (
          <div className="order-last w-full sm:order-none sm:w-auto">
            <NavLinks
              label={t.mainNav}
              links={[
                { href: "/", text: t.spaces },
                { href: "/profile", text: t.profile },
                ...(admin ? [{ href: "/admin/usage", text: t.adminUsage }] : []),
              ]}
            />
          </div>
        )}
        <div className="ml-auto flex items-center gap-2">
          <LanguageSwitcher locale={locale} label={t.language} names={t.languageNames} />
          {who && (
            <Link
              href="/profile"
              title={format(signedInAs, { name: who.name })}
              className="flex min-w-0 items-center gap-2 rounded-full py-0.5 pl-0.5 pr-0.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 sm:pr-2.5"
            >
              <Avatar name={who.name} email={who.email} image={who.image} size="sm" />
              <span className="sr-only">{format(signedInAs, { name: who.name })}</span>
              <span aria-hidden className="hidden max-w-40 truncate sm:inline">
                {who.name}
              </span>
            </Link>
          )}
          {signedIn && <SignOutButton text={t.signOut} pendingText={t.signingOut} />}
        </div>
      </div>
    </header>
  );
}
