import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { captionLanguageChoice } from "@/components/sessions/caption-language-options";
import { CreateSessionForm } from "@/components/sessions/create-session-form";
import { SessionList } from "@/components/sessions/session-list";
import { DeleteSpaceSection } from "@/components/spaces/delete-space-section";
import { GlossaryEditor } from "@/components/spaces/glossary-editor";
import { InviteLinkPanel } from "@/components/spaces/invite-link-panel";
import { InviteMemberForm } from "@/components/spaces/invite-member-form";
import { LeaveSpaceButton } from "@/components/spaces/leave-space-button";
import { MemberControls } from "@/components/spaces/member-controls";
import { PendingInvitations } from "@/components/spaces/pending-invitations";
import { RenameSpaceForm } from "@/components/spaces/rename-space-form";
import { TranscriptionBudgetForm } from "@/components/spaces/transcription-budget-form";
import { Avatar, Card, CardTitle, RoleBadge, buttonClass } from "@/components/ui";
import { format } from "@/i18n/format";
import { getMessages } from "@/i18n/server";
import { webEnv } from "@/lib/env/web";
import { getDb } from "@/server/db";
import { currentUser } from "@/server/auth";
import { listSpaceSessions } from "@/modules/core/sessions";
import { NotFoundError } from "@/modules/core/shared/domain/errors";
import { getInviteLink, getSpace, type SpaceView, listInvitations } from "@/modules/core/spaces";
import { invitePath } from "@/modules/core/spaces/domain/invite-link";
import { getCaptionLanguages, getGlossary } from "@/modules/core/captions";
import { getTranscriptionBudget } from "@/modules/core/usage";
import {
  SPACE_ROLES,
  canChangeMember,
  canDeleteSpace,
  canManageSpace,
} from "@/modules/core/spaces/domain/space";

type Params = Promise<{ spaceId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: t.layout.spaces };
}

/** Unknown, malformed and not-mine all look the same: a 404, so ids reveal nothing. */
async function loadSpace(spaceId: string, userId: string): Promise<SpaceView> {
  if (!z.uuid().safeParse(spaceId).success) notFound();
  try {
    return await getSpace(getDb(), { userId, spaceId });
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

export default async function SpacePage({ params }: { params: Params }) {
  const [{ spaceId }, { locale, t }] = await Promise.all([params, getMessages()]);
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/spaces/${spaceId}`)}`);
  const space = await loadSpace(spaceId, user.id);
  const sessions = await listSpaceSessions(getDb(), { userId: user.id, spaceId: space.id });
  const manage = canManageSpace(space.role);
  const budget = manage
    ? await getTranscriptionBudget(getDb(), { userId: user.id, spaceId: space.id })
    : null;
  const glossary = await getGlossary(getDb(), { userId: user.id, spaceId: space.id });
  const captionLanguages = await getCaptionLanguages(getDb(), webEnv().captions);
  const invitations = manage
    ? await listInvitations(getDb(), { userId: user.id, spaceId: space.id, now: new Date() })
    : [];
  const inviteLink = manage ? await getInviteLink(getDb(), { userId: user.id, spaceId: space.id }) : null;
  const invitableRoles = SPACE_ROLES.filter((r) => canChangeMember(space.role, "MEMBER", r));

  return (
    <div className="space-y-8">
      <div>
        <Link href="/" className="rounded text-sm font-medium text-zinc-500 hover:text-zinc-900">
          ← {t.space.back}
        </Link>
        <div className="mt-3 flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
          <div className="flex min-w-0 flex-wrap items-center gap-3">
            <h1 className="min-w-0 break-words text-2xl font-semibold tracking-tight text-zinc-900">
              {space.name}
            </h1>
            <RoleBadge>{format(t.space.yourRole, { role: t.roles[space.role] })}</RoleBadge>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <Link href={`/spaces/${space.id}/tasks`} className={buttonClass("secondary")}>
              {t.tasks.spaceLink}
            </Link>
            <LeaveSpaceButton spaceId={space.id} t={t.space} errors={t.errors} />
          </div>
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem] lg:items-start">
        <div className="min-w-0 space-y-6">
          <Card>
            <CardTitle id="members-heading">{t.space.membersTitle}</CardTitle>
            <ul aria-labelledby="members-heading" className="mt-4 divide-y divide-zinc-100">
              {space.members.map((m) => {
                const self = m.userId === user.id;
                const roleOptions = SPACE_ROLES.filter(
                  (r) => r === m.role || canChangeMember(space.role, m.role, r),
                );
                const canRemove = !self && canChangeMember(space.role, m.role, null);
                return (
                  <li
                    key={m.userId}
                    className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:gap-3"
                  >
                    <div className="flex min-w-0 flex-1 items-center gap-3">
                      <Avatar name={m.name} email={m.email} image={m.image} />
                      <div className="min-w-0">
                        <p className="truncate text-sm font-medium text-zinc-900">
                          {m.name}
                          {self && <span className="font-normal text-zinc-500"> ({t.space.you})</span>}
                        </p>
                        <p className="truncate text-sm text-zinc-500">{m.email}</p>
                      </div>
                    </div>
                    {/* Indented under the name on narrow screens, right-aligned beside it on wide ones. */}
                    <div className="pl-[3.25rem] sm:pl-0">
                      {!self && manage && (roleOptions.length > 1 || canRemove) ? (
                        <MemberControls
                          spaceId={space.id}
                          member={{ userId: m.userId, name: m.name, role: m.role }}
                          roleOptions={roleOptions}
                          canRemove={canRemove}
                          t={t.space}
                          roleNames={t.roles}
                          errors={t.errors}
                        />
                      ) : (
                        <RoleBadge>{t.roles[m.role]}</RoleBadge>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
            {manage && (
              <>
                <PendingInvitations
                  spaceId={space.id}
                  viewerRole={space.role}
                  invitations={invitations}
                  locale={locale}
                  t={t.invitations}
                  roleNames={t.roles}
                  errors={t.errors}
                />
                <div className="mt-6 border-t border-zinc-100 pt-5">
                  <h3 className="mb-3 text-sm font-semibold text-zinc-900">{t.invitations.inviteTitle}</h3>
                  <InviteMemberForm
                    spaceId={space.id}
                    roles={invitableRoles}
                    t={t.invitations}
                    roleNames={t.roles}
                    errors={t.errors}
                  />
                </div>
                <div className="mt-6 border-t border-zinc-100 pt-5">
                  <h3 className="mb-3 text-sm font-semibold text-zinc-900">{t.invite.linkTitle}</h3>
                  <InviteLinkPanel
                    spaceId={space.id}
                    path={inviteLink && invitePath(inviteLink.token)}
                    origin={new URL(webEnv().NEXTAUTH_URL).origin}
                    t={t.invite}
                    errors={t.errors}
                  />
                </div>
              </>
            )}
          </Card>

          <Card>
            <CardTitle id="sessions-heading">{t.space.sessionsTitle}</CardTitle>
            {sessions.length === 0 ? (
              <p className="mt-4 rounded-lg border border-dashed border-zinc-300 px-4 py-8 text-center text-sm text-zinc-500">
                {t.space.sessionsEmpty}
              </p>
            ) : (
              <SessionList
                sessions={sessions.map((s) => ({
                  ...s,
                  createdAt: s.createdAt.toISOString(),
                  startedAt: s.startedAt?.toISOString() ?? null,
                  endedAt: s.endedAt?.toISOString() ?? null,
                }))}
                locale={locale}
                t={t.sessions}
                transcript={t.transcript}
                statusNames={t.space.status}
                participants={t.space.participants}
                labelledBy="sessions-heading"
              />
            )}
            <div className="mt-6 border-t border-zinc-100 pt-5">
              <h3 className="mb-3 text-sm font-semibold text-zinc-900">{t.sessions.newTitle}</h3>
              <CreateSessionForm
                spaceId={space.id}
                captionLanguages={captionLanguageChoice(captionLanguages, locale)}
                t={t.sessions}
                errors={t.errors}
              />
            </div>
          </Card>
        </div>

        <div className="space-y-6">
          {manage && (
            <Card>
              <CardTitle>{t.space.renameTitle}</CardTitle>
              <div className="mt-4">
                <RenameSpaceForm spaceId={space.id} name={space.name} t={t.space} errors={t.errors} />
              </div>
            </Card>
          )}
          {budget && (
            <Card>
              <CardTitle>{t.transcriptionBudget.title}</CardTitle>
              <div className="mt-4">
                <TranscriptionBudgetForm
                  spaceId={space.id}
                  locale={locale}
                  budget={budget}
                  t={t.transcriptionBudget}
                  errors={t.errors}
                />
              </div>
            </Card>
          )}
          <Card>
            <CardTitle>{t.glossary.title}</CardTitle>
            <div className="mt-4">
              <GlossaryEditor spaceId={space.id} glossary={glossary} t={t.glossary} errors={t.errors} />
            </div>
          </Card>
          {canDeleteSpace(space.role) && (
            <Card>
              <CardTitle>{t.space.dangerTitle}</CardTitle>
              <p className="mt-1 text-sm text-zinc-600">{t.space.dangerHint}</p>
              <div className="mt-4">
                <DeleteSpaceSection spaceId={space.id} name={space.name} t={t.space} errors={t.errors} />
              </div>
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}
