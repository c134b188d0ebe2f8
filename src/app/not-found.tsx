import Link from "next/link";
import { buttonClass } from "@/components/ui";
import { getMessages } from "@/i18n/server";

export default async function NotFound() {
  const { t } = await getMessages();
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-zinc-900">{t.notFound.title}</h1>
      <p className="mt-3 text-zinc-600">{t.notFound.body}</p>
      <Link href="/" className={buttonClass("primary", "mt-8")}>
        {t.notFound.home}
      </Link>
    </div>
  );
}
