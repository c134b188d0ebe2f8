import type { Locale } from "../config";

const en = {
  inviteTitle: "Invite someone",
  inviteHint:
    "They join once they sign in with this email, verified by their sign-in provider, and accept. Invitations expire after 14 days; inviting again renews one.",
  emailLabel: "Email",
  roleLabel: "Role",
  invite: "Invite",
  inviting: "Inviting…",
  sent: "Invitation to {email} is pending until they accept it.",
  pendingTitle: "Pending invitations",
  invitedAs: "Invited as {role} · expires {date}",
  revoke: "Withdraw",
  revokeLabel: "Withdraw the invitation to {email}",
  mineTitle: "Invitations",
  mineFrom: "Invited by {name} as {role} · expires {date}",
  mineFromUnknown: "Invited as {role} · expires {date}",
  accept: "Accept",
  acceptLabel: "Accept the invitation to {space}",
  decline: "Decline",
  declineLabel: "Decline the invitation to {space}",
  unverified:
    "Your email address is not verified, so invitations sent to it are not shown. Sign in with a provider that has verified it.",
};

export type InvitationsText = typeof en;

/** Invitations: the members panel's invite form and list, and the dashboard's list for the invitee. */
export const INVITATIONS_TEXT: Record<Locale, InvitationsText> = {
  en,
  ru: {
    inviteTitle: "Пригласить",
    inviteHint:
      "Человек присоединится, когда войдёт с этим email, подтверждённым его провайдером входа, и примет приглашение. Приглашение действует 14 дней; повторное приглашение продлевает его.",
    emailLabel: "Email",
    roleLabel: "Роль",
    invite: "Пригласить",
    inviting: "Приглашаем…",
    sent: "Приглашение для {email} ждёт, пока его примут.",
    pendingTitle: "Ожидающие приглашения",
    invitedAs: "Роль: {role} · действует до {date}",
    revoke: "Отозвать",
    revokeLabel: "Отозвать приглашение для {email}",
    mineTitle: "Приглашения",
    mineFrom: "{name} приглашает вас, роль: {role} · действует до {date}",
    mineFromUnknown: "Роль: {role} · действует до {date}",
    accept: "Принять",
    acceptLabel: "Принять приглашение в «{space}»",
    decline: "Отклонить",
    declineLabel: "Отклонить приглашение в «{space}»",
    unverified:
      "Ваш адрес электронной почты не подтверждён, поэтому приглашения на него не показываются. Войдите через провайдера, который его подтвердил.",
  },
};
