import { format, formatDate } from "@/i18n/format";
import type { Locale } from "@/i18n/config";
import type { Messages } from "@/i18n/messages/en";
import type { MyInvitation } from "@/modules/core/spaces/domain/invitation";
import { Card, CardTitle } from "../ui";
import { InvitationActionButton } from "./invitation-action-button";

type Props = {
  emailVerified: boolean;
  invitations: MyInvitation[];
  locale: Locale;
  t: Messages["invitations"];
  roleNames: Messages["roles"];
  errors: Messages["errors"];
};

/** The dashboard's invitations for the signed-in person's verified email, with Accept / Decline. */
export function MyInvitations({ emailVerified, invitations, locale, t, roleNames, errors }: Props) {
  if (emailVerified && invitations.length === 0) return null;
  return (
    <Card>
      <CardTitle id="my-invitations-heading">{t.mineTitle}</CardTitle>
      {!emailVerified ? (
        <p className="mt-2 text-sm text-zinc-600">{t.unverified}</p>
      ) : (
        <ul aria-labelledby="my-invitations-heading" className="mt-3 divide-y divide-zinc-100">
          {invitations.map((inv) => {
            const vars = {
              name: inv.invitedByName ?? "",
              role: roleNames[inv.role],
              date: formatDate(locale, inv.expiresAt),
            };
            return (
              <li key={inv.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0">
                  <p className="truncate font-medium text-zinc-900">{inv.space.name}</p>
                  <p className="text-sm text-zinc-500">
                    {format(inv.invitedByName ? t.mineFrom : t.mineFromUnknown, vars)}
                  </p>
                </div>
                <div className="flex items-start gap-2">
                  <InvitationActionButton
                    action={{ kind: "accept", invitationId: inv.id }}
                    label={t.accept}
                    ariaLabel={format(t.acceptLabel, { space: inv.space.name })}
                    variant="primary"
                    errors={errors}
                  />
                  <InvitationActionButton
                    action={{ kind: "decline", invitationId: inv.id }}
                    label={t.decline}
                    ariaLabel={format(t.declineLabel, { space: inv.space.name })}
                    variant="secondary"
                    errors={errors}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
