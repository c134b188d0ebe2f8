import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { NewMeetingButton } from "@/components/sessions/new-meeting-button";
import { CreateSpaceForm } from "@/components/spaces/create-space-form";
import { MyInvitations } from "@/components/spaces/my-invitations";
import { Card, CardTitle, RoleBadge } from "@/components/ui";
import { plural } from "@/i18n/format";
import { getMessages } from "@/i18n/server";
import { getDb } from "@/server/db";
import { currentUser } from "@/server/auth";
import { chooseMeetingSpace } from "@/modules/core/sessions";
import { listMyInvitations, listSpaces } from "@/modules/core/spaces";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.dashboard.title };
}

export default async function DashboardPage() {
  const { locale, t } = await getMessages();
  const user = await currentUser();
  if (!user) redirect("/signin");
  const [spaces, mine, meetingSpace] = await Promise.all([
    listSpaces(getDb(), user.id),
    listMyInvitations(getDb(), { userId: user.id, now: new Date() }),
    chooseMeetingSpace(getDb(), user.id),
  ]);

  return (
    <div className="space-y-8">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">{t.dashboard.title}</h1>
          <p className="mt-1 text-sm text-zinc-600">{t.dashboard.subtitle}</p>
        </div>
        <div className="sm:max-w-xs sm:text-right">
          <NewMeetingButton
            locale={locale}
            spaceName={meetingSpace?.name ?? null}
            t={t.invite}
            errors={t.errors}
          />
        </div>
      </div>

      <MyInvitations
        emailVerified={mine.emailVerified}
        invitations={mine.invitations}
        locale={locale}
        t={t.invitations}
        roleNames={t.roles}
        errors={t.errors}
      />

      <div className="grid gap-6 lg:grid-cols-[1fr_20rem] lg:items-start">
        <section aria-labelledby="spaces-heading">
          <h2 id="spaces-heading" className="sr-only">
            {t.dashboard.listLabel}
          </h2>
          {spaces.length === 0 ? (
            <p className="rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-10 text-center text-sm text-zinc-600">
              {t.dashboard.empty}
            </p>
          ) : (
            <ul className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm">
              {spaces.map((space) => (
                <li key={space.id}>
                  <Link
                    href={`/spaces/${space.id}`}
                    className="flex items-center gap-3 px-4 py-4 transition-colors hover:bg-zinc-50 focus-visible:-outline-offset-2 sm:px-5"
                  >
                    <span
                      aria-hidden
                      className="inline-flex size-9 shrink-0 items-center justify-center rounded-lg bg-zinc-100 text-sm font-semibold text-zinc-700"
                    >
                      {space.name.trim().charAt(0).toUpperCase()}
                    </span>
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-medium text-zinc-900">{space.name}</span>
                      <span className="block text-sm text-zinc-500">
                        {plural(locale, t.dashboard.members, space.memberCount)}
                      </span>
                    </span>
                    <RoleBadge>{t.roles[space.role]}</RoleBadge>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>

        <Card>
          <CardTitle>{t.dashboard.createTitle}</CardTitle>
          <div className="mt-4">
            <CreateSpaceForm t={t.dashboard} errors={t.errors} />
          </div>
        </Card>
      </div>
    </div>
  );
}
