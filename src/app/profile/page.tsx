import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AvatarEditor } from "@/components/profile/avatar-editor";
import { ProfileNameForm } from "@/components/profile/profile-name-form";
import { Card, CardTitle } from "@/components/ui";
import { format, formatDate } from "@/i18n/format";
import { getMessages } from "@/i18n/server";
import { getDb } from "@/server/db";
import { getProfile } from "@/modules/core/identity";
import { currentUser } from "@/server/auth";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.profile.title };
}

export default async function ProfilePage() {
  const { locale, t } = await getMessages();
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=%2Fprofile");
  const profile = await getProfile(getDb(), user.id);

  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">{t.profile.title}</h1>
        <p className="mt-1 text-sm text-zinc-600">{t.profile.subtitle}</p>
      </div>

      <Card>
        <CardTitle>{t.profile.avatarTitle}</CardTitle>
        <div className="mt-4">
          <AvatarEditor
            name={profile.name}
            email={profile.email}
            image={profile.image}
            t={t.profile}
            errors={t.errors}
          />
        </div>
      </Card>

      <Card>
        <CardTitle>{t.profile.accountTitle}</CardTitle>
        <dl className="mt-4 grid gap-1 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="font-medium text-zinc-800">{t.profile.emailLabel}</dt>
          <dd className="break-all text-zinc-600">{profile.email}</dd>
        </dl>
        <div className="mt-5">
          <ProfileNameForm name={profile.name} t={t.profile} errors={t.errors} />
        </div>
        <p className="mt-5 text-xs text-zinc-500">
          {format(t.profile.memberSince, { date: formatDate(locale, profile.createdAt) })}
        </p>
      </Card>
    </div>
  );
}
