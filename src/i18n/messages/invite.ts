import type { Locale } from "../config";

const en = {
  // The space's invite link (members panel)
  linkTitle: "Invite link",
  linkHint:
    "Anyone who opens this link and signs in joins the space as a member. Make a new link or turn it off at any time; the old link then stops working.",
  linkNone: "There is no invite link. Create one to share in a chat or an email.",
  linkLabel: "Invite link",
  linkCreate: "Create invite link",
  linkCreating: "Creating…",
  linkCopy: "Copy link",
  linkCopied: "Link copied.",
  linkCopyFailed: "Copy this link: {url}",
  linkReplace: "New link",
  linkReplacing: "Making a new link…",
  linkReplaced: "New link made; the old one no longer works.",
  linkRevoke: "Turn off",
  linkRevoking: "Turning off…",
  linkRevoked: "The invite link is turned off.",
  // /invite/[token]
  pageTitle: "Join a space",
  joinHeading: "Join {space}",
  joinLead: "You were invited to join this space as a member.",
  joinButton: "Join space",
  joining: "Joining…",
  alreadyMember: "You are already a member of this space.",
  openSpace: "Open the space",
  offTitle: "This invite link was turned off",
  offBody:
    "Whoever shared it turned it off or replaced it with a new one. Ask them for a new link, or for an email invitation.",
  goHome: "Go to your spaces",
  // Dashboard "New meeting"
  newMeeting: "New meeting",
  newMeetingPending: "Starting…",
  newMeetingHint: "Starts a call in {space} and takes you to its join screen.",
  newMeetingHintFirst: "Starts a call in a new space of yours and takes you to its join screen.",
  meetingTitle: "Meeting {date}",
  firstSpaceName: "My meetings",
  // Header
  signedInAs: "Signed in as {name}",
  // Sign-in page: what a signed-out visitor's link was
  deepLink: {
    space: {
      title: "You opened a link to a space",
      body: "A space's sessions and members are visible to its members only. Sign in and you will come straight back to it.",
    },
    tasks: {
      title: "You opened a space's task list",
      body: "Tasks are visible to the space's members only. Sign in and you will come straight back to them.",
    },
    call: {
      title: "You opened a link to a call",
      body: "This call is for signed-in people. Sign in and you will come straight back to join it.",
    },
    transcript: {
      title: "You opened a call's transcript",
      body: "Transcripts are visible to the people in the call's space. Sign in and you will come straight back to it.",
    },
    invite: {
      title: "You were invited to a space",
      body: "Sign in (the first sign-in creates your account) to see which space it is and join it. You will come straight back to the invitation.",
    },
    profile: {
      title: "You opened your profile",
      body: "Sign in to see and change your name and picture.",
    },
  },
};

export type InviteText = typeof en;

/** The space invite link, the dashboard's "New meeting", who is signed in, and why to sign in. */
export const INVITE_TEXT: Record<Locale, InviteText> = {
  en,
  ru: {
    linkTitle: "Ссылка-приглашение",
    linkHint:
      "Любой, кто откроет эту ссылку и войдёт, станет участником пространства. Создайте новую ссылку или отключите её в любой момент — старая перестанет работать.",
    linkNone: "Ссылки-приглашения нет. Создайте её, чтобы отправить в чат или письмом.",
    linkLabel: "Ссылка-приглашение",
    linkCreate: "Создать ссылку",
    linkCreating: "Создаём…",
    linkCopy: "Копировать",
    linkCopied: "Ссылка скопирована.",
    linkCopyFailed: "Скопируйте ссылку: {url}",
    linkReplace: "Новая ссылка",
    linkReplacing: "Создаём новую ссылку…",
    linkReplaced: "Создана новая ссылка; старая больше не работает.",
    linkRevoke: "Отключить",
    linkRevoking: "Отключаем…",
    linkRevoked: "Ссылка-приглашение отключена.",
    pageTitle: "Вступить в пространство",
    joinHeading: "Вступить в «{space}»",
    joinLead: "Вас пригласили в это пространство участником.",
    joinButton: "Вступить",
    joining: "Вступаем…",
    alreadyMember: "Вы уже участник этого пространства.",
    openSpace: "Открыть пространство",
    offTitle: "Эта ссылка-приглашение отключена",
    offBody:
      "Тот, кто её прислал, отключил её или заменил новой. Попросите у него новую ссылку или приглашение по email.",
    goHome: "К вашим пространствам",
    newMeeting: "Новая встреча",
    newMeetingPending: "Создаём…",
    newMeetingHint: "Создаёт встречу в пространстве «{space}» и открывает экран входа в неё.",
    newMeetingHintFirst: "Создаёт встречу в вашем новом пространстве и открывает экран входа в неё.",
    meetingTitle: "Встреча {date}",
    firstSpaceName: "Мои встречи",
    signedInAs: "Вы вошли как {name}",
    deepLink: {
      space: {
        title: "Вы открыли ссылку на пространство",
        body: "Встречи и участники пространства видны только его участникам. Войдите — и сразу вернётесь к нему.",
      },
      tasks: {
        title: "Вы открыли задачи пространства",
        body: "Задачи видны только участникам пространства. Войдите — и сразу вернётесь к ним.",
      },
      call: {
        title: "Вы открыли ссылку на встречу",
        body: "В эту встречу входят после входа в Rooms. Войдите — и сразу вернётесь, чтобы присоединиться.",
      },
      transcript: {
        title: "Вы открыли расшифровку встречи",
        body: "Расшифровки видны участникам пространства встречи. Войдите — и сразу вернётесь к ней.",
      },
      invite: {
        title: "Вас пригласили в пространство",
        body: "Войдите (первый вход создаёт учётную запись), чтобы увидеть, что это за пространство, и вступить в него. После входа вы вернётесь к приглашению.",
      },
      profile: {
        title: "Вы открыли свой профиль",
        body: "Войдите, чтобы посмотреть и изменить имя и фото.",
      },
    },
  },
};
