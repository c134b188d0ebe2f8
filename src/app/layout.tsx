import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { getMessages } from "@/i18n/server";
import { webEnv } from "@/lib/env/web";
import { getProfile } from "@/modules/core/identity";
import { isAdmin } from "@/modules/core/identity/domain/admin";
import { getDb } from "@/server/db";
import { currentUser } from "@/server/auth";
import { BROWSER_CONFIG_ATTRIBUTE } from "@/lib/monitoring/options";
import { serverMonitoring } from "@/lib/monitoring/server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return {
    title: { default: t.meta.title, template: `%s · ${t.meta.title}` },
    description: t.meta.description,
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  // The page background of each scheme (zinc-50, and its dark mirror in color-scheme.css).
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Request data first: it opts the tree out of build-time prerendering before auth reads env.
  const { locale, t } = await getMessages();
  const user = await currentUser();
  // The avatar is not in the session user; the header shows it so people see who is signed in.
  const profile = user ? await getProfile(getDb(), user.id).catch(() => null) : null;
  // Read by src/instrumentation-client.ts; absent when monitoring is off.
  const monitoring = serverMonitoring();
  const monitoringAttr = monitoring ? { [BROWSER_CONFIG_ATTRIBUTE]: JSON.stringify(monitoring) } : {};
  return (
    <html lang={locale} {...monitoringAttr}>
      <body className="min-h-dvh">
        <a
          href="#main"
          className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-zinc-900 shadow ring-1 ring-zinc-300 focus:not-sr-only focus:fixed focus:px-3 focus:py-2 focus:left-3 focus:top-3 focus:z-50"
        >
          {t.layout.skipToContent}
        </a>
        <SiteHeader
          locale={locale}
          t={t.layout}
          signedIn={user !== null}
          who={user && { name: user.name, email: user.email, image: profile?.image ?? null }}
          signedInAs={t.invite.signedInAs}
          admin={isAdmin(user, webEnv().ADMIN_EMAILS)}
        />
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-5xl px-4 py-8 outline-none sm:px-6 sm:py-10"
        >
          {children}
        </main>
      </body>
    </html>
  );
}
