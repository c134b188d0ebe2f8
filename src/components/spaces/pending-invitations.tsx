import { format, formatDate } from "@/i18n/format";
import type { Locale } from "@/i18n/config";
import type { Messages } from "@/i18n/messages/en";
import type { SpaceInvitation } from "@/modules/core/spaces/domain/invitation";
import { canChangeMember, type SpaceRole } from "@/modules/core/spaces/domain/space";
import { InvitationActionButton } from "./invitation-action-button";

type Props = {
  spaceId: string;
  viewerRole: SpaceRole;
  invitations: SpaceInvitation[];
  locale: Locale;
  t: Messages["invitations"];
  roleNames: Messages["roles"];
  errors: Messages["errors"];
};

/** The members panel's open invitations, each withdrawable by whoever could have sent it. */
export function PendingInvitations({
  spaceId,
  viewerRole,
  invitations,
  locale,
  t,
  roleNames,
  errors,
}: Props) {
  if (invitations.length === 0) return null;
  return (
    <div className="mt-6 border-t border-zinc-100 pt-5">
      <h3 id="invitations-heading" className="mb-3 text-sm font-semibold text-zinc-900">
        {t.pendingTitle}
      </h3>
      <ul aria-labelledby="invitations-heading" className="divide-y divide-zinc-100">
        {invitations.map((inv) => (
          <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <div className="min-w-0">
              <p className="truncate text-sm font-medium text-zinc-900">{inv.email}</p>
              <p className="text-xs text-zinc-500">
                {format(t.invitedAs, {
                  role: roleNames[inv.role],
                  date: formatDate(locale, inv.expiresAt),
                })}
              </p>
            </div>
            {canChangeMember(viewerRole, inv.role, null) && (
              <InvitationActionButton
                action={{ kind: "revoke", spaceId, invitationId: inv.id }}
                label={t.revoke}
                ariaLabel={format(t.revokeLabel, { email: inv.email })}
                variant="ghost"
                errors={errors}
              />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
