import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { deepLinkKind } from "@/components/auth/deep-link";
import { DevSignInForm } from "@/components/auth/dev-sign-in-form";
import { ProviderButton } from "@/components/auth/provider-button";
import { Card } from "@/components/ui";
import { format } from "@/i18n/format";
import { getMessages } from "@/i18n/server";
import { webEnv } from "@/lib/env/web";
import { safeCallbackPath } from "@/lib/safe-callback";
import { currentUser } from "@/server/auth";

type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.signin.title };
}

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const [{ t }, params] = await Promise.all([getMessages(), searchParams]);
  const user = await currentUser();
  if (user) redirect("/");

  const env = webEnv();
  const callbackUrl = safeCallbackPath(params.callbackUrl, env.NEXTAUTH_URL);
  const providers = [
    ...(env.GOOGLE_CLIENT_ID ? [{ id: "google", name: t.signin.google }] : []),
    ...(env.OIDC_ISSUER ? [{ id: "oidc", name: env.OIDC_NAME }] : []),
  ];
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const errorCode = first(params.error);
  // Only a configured provider's own name is shown, never text from the URL.
  const providerName = providers.find((p) => p.id === first(params.provider))?.name ?? t.signin.yourProvider;
  const errorText = errorCode
    ? format((t.signin.errors as Record<string, string>)[errorCode] ?? t.signin.errors.generic, {
        provider: providerName,
      })
    : null;
  const nothing = providers.length === 0 && !env.devLoginEnabled;
  const kind = deepLinkKind(callbackUrl);
  const linked = kind ? t.invite.deepLink[kind] : null;

  return (
    <div className="mx-auto max-w-sm py-6 sm:py-12">
      <div className="mb-8 text-center">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">{t.signin.title}</h1>
        <p className="mt-2 text-sm text-zinc-600">{t.signin.subtitle}</p>
      </div>
      {linked && (
        <section
          aria-labelledby="deep-link-title"
          className="mb-6 rounded-lg bg-indigo-50 px-4 py-3 text-sm text-indigo-950 ring-1 ring-inset ring-indigo-200"
        >
          <h2 id="deep-link-title" className="font-semibold">
            {linked.title}
          </h2>
          <p className="mt-1">{linked.body}</p>
        </section>
      )}
      <Card className="space-y-6">
        {errorText && (
          <p
            role="alert"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200"
          >
            {errorText}
          </p>
        )}
        {nothing && <p className="text-sm text-zinc-600">{t.signin.noProviders}</p>}
        {providers.length > 0 && (
          <ul className="space-y-3">
            {providers.map((p) => (
              <li key={p.id}>
                <ProviderButton
                  id={p.id}
                  callbackUrl={callbackUrl}
                  text={format(t.signin.continueWith, { provider: p.name })}
                />
              </li>
            ))}
          </ul>
        )}
        {providers.length > 0 && env.devLoginEnabled && (
          <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-zinc-500" aria-hidden>
            <span className="h-px flex-1 bg-zinc-200" />
            {t.signin.or}
            <span className="h-px flex-1 bg-zinc-200" />
          </div>
        )}
        {env.devLoginEnabled && (
          <section aria-labelledby="dev-signin-title" className="space-y-4">
            <div>
              <h2 id="dev-signin-title" className="text-sm font-semibold text-zinc-900">
                {t.signin.devTitle}
              </h2>
              <p className="mt-1 text-xs text-zinc-500">{t.signin.devHint}</p>
            </div>
            <DevSignInForm t={t.signin} callbackUrl={callbackUrl} />
          </section>
        )}
      </Card>
    </div>
  );
}
