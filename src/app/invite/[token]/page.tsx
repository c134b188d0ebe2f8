import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { JoinSpaceButton } from "@/components/spaces/join-space-button";
import { Card, buttonClass } from "@/components/ui";
import { format, plural } from "@/i18n/format";
import { getMessages } from "@/i18n/server";
import { NotFoundError } from "@/modules/core/shared/domain/errors";
import { previewInviteLink } from "@/modules/core/spaces";
import { invitePath } from "@/modules/core/spaces/domain/invite-link";
import type { InviteLinkPreview } from "@/modules/core/spaces/domain/invite-link";
import { currentUser } from "@/server/auth";
import { getDb } from "@/server/db";

type Params = Promise<{ token: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.invite.pageTitle };
}

async function load(userId: string, token: string): Promise<InviteLinkPreview | null> {
  try {
    return await previewInviteLink(getDb(), { userId, token });
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

/**
 * A space invite link. Signed out: to sign-in and back (the sign-in page says what the link is).
 * A revoked, replaced or mangled link says it was turned off, with a way on, rather than a bare 404.
 */
export default async function InvitePage({ params }: { params: Params }) {
  const [{ token }, { locale, t }] = await Promise.all([params, getMessages()]);
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(invitePath(token))}`);
  const preview = token.length <= 200 ? await load(user.id, token) : null;

  if (!preview) {
    return (
      <div className="mx-auto max-w-md py-6 sm:py-12">
        <Card className="space-y-4 text-center">
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{t.invite.offTitle}</h1>
          <p className="text-sm text-zinc-600">{t.invite.offBody}</p>
          <Link href="/" className={buttonClass("secondary")}>
            {t.invite.goHome}
          </Link>
        </Card>
      </div>
    );
  }

  const { space, memberCount, memberRole } = preview;
  return (
    <div className="mx-auto max-w-md py-6 sm:py-12">
      <Card className="space-y-5 text-center">
        <span
          aria-hidden
          className="mx-auto inline-flex size-12 items-center justify-center rounded-xl bg-zinc-100 text-lg font-semibold text-zinc-700"
        >
          {space.name.trim().charAt(0).toUpperCase()}
        </span>
        <div>
          <h1 className="break-words text-xl font-semibold tracking-tight text-zinc-900">
            {format(t.invite.joinHeading, { space: space.name })}
          </h1>
          <p className="mt-1 text-sm text-zinc-500">{plural(locale, t.dashboard.members, memberCount)}</p>
        </div>
        {memberRole ? (
          <>
            <p className="text-sm text-zinc-600">{t.invite.alreadyMember}</p>
            <Link href={`/spaces/${space.id}`} className={buttonClass("primary")}>
              {t.invite.openSpace}
            </Link>
          </>
        ) : (
          <>
            <p className="text-sm text-zinc-600">{t.invite.joinLead}</p>
            <JoinSpaceButton token={token} t={t.invite} errors={t.errors} />
          </>
        )}
      </Card>
    </div>
  );
}
