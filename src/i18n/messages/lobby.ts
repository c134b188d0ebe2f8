import type { Locale } from "../config";
import type { ErrorCode } from "@/modules/core/shared/domain/error-codes";

const en = {
  // the guest in the lobby
  asking: "Asking to join…",
  waitingTitle: "Waiting for the host to let you in",
  waitingBody: "You asked to join as {name}. The host or a space admin will see your request.",
  hostAway: "The host is not in the call right now. You'll get in once they or an admin let you in.",
  cancel: "Cancel",
  cancelledTitle: "You withdrew your request to join",
  askAgain: "Ask to join again",
  deniedTitle: "You were not let in",
  deniedBody: "The host declined your request to join this call.",
  tooMany: "Too many guests from your network asked to join this call. Try again in {minutes} min.",
  // pre-join of a guest when every guest asks first
  hostAdmits: "The host lets guests in: you'll ask to join and wait until they let you in.",
  askToJoin: "Ask to join",
  // the host's More menu
  guestsKnock: "Guests ask to join",
  guestsKnockOn: "Guests now ask to join.",
  guestsKnockOff: "Guests now join without asking.",
  // the host's notice in the call
  noticeOne: "{name} (guest) wants to join",
  noticeMany: "{count} guests want to join",
  guest: "guest",
  admit: "Admit",
  deny: "Deny",
  admitLabel: "Admit {name}",
  denyLabel: "Deny {name}",
  // pre-join: who is here
  peopleTitle: "In the call now",
  peopleNone: "No one is in the call yet.",
  peopleMore: "and {count} more",
  guestSuffix: "(guest)",
  // end screens of someone without an account
  close: "Close",
  closeHint: "You can close this tab now.",
  startPage: "Back to start page",
};

export type LobbyText = typeof en;

const ru: LobbyText = {
  asking: "Отправляем просьбу…",
  waitingTitle: "Ждём, пока организатор впустит вас",
  waitingBody: "Вы попросили войти как {name}. Организатор или администратор пространства увидит просьбу.",
  hostAway: "Организатора сейчас нет в звонке. Вы войдёте, когда он или администратор вас впустит.",
  cancel: "Отменить",
  cancelledTitle: "Вы отозвали просьбу войти",
  askAgain: "Попросить снова",
  deniedTitle: "Вас не впустили",
  deniedBody: "Организатор отклонил вашу просьбу войти в звонок.",
  tooMany: "Слишком много гостей из вашей сети просили войти в этот звонок. Попробуйте через {minutes} мин.",
  hostAdmits: "Гостей впускает организатор: вы попросите войти и подождёте, пока он вас впустит.",
  askToJoin: "Попросить войти",
  guestsKnock: "Гости просят войти",
  guestsKnockOn: "Теперь гости просят войти.",
  guestsKnockOff: "Теперь гости входят без просьбы.",
  noticeOne: "{name} (гость) просит войти",
  noticeMany: "Просят войти: {count}",
  guest: "гость",
  admit: "Впустить",
  deny: "Отклонить",
  admitLabel: "Впустить: {name}",
  denyLabel: "Отклонить: {name}",
  peopleTitle: "Сейчас в звонке",
  peopleNone: "В звонке пока никого нет.",
  peopleMore: "и ещё {count}",
  guestSuffix: "(гость)",
  close: "Закрыть",
  closeHint: "Эту вкладку можно закрыть.",
  startPage: "На главную",
};

/** The guest lobby (waiting screen, the host's notice), who is in the call on pre-join, guests' end screens. */
export const LOBBY_TEXT: Record<Locale, LobbyText> = { en, ru };

type LobbyCode = Extract<
  ErrorCode,
  | "knock_required"
  | "lobby_waiting"
  | "lobby_denied"
  | "lobby_not_needed"
  | "knock_not_found"
  | "guests_not_allowed"
>;

/** The lobby's error codes, spread into each dictionary's `errors.codes`. */
export const LOBBY_ERROR_TEXT: Record<Locale, Record<LobbyCode, string>> = {
  en: {
    knock_required: "Many guests from your network joined already: ask the host to let you in.",
    lobby_waiting: "Wait for the host to let you in.",
    lobby_denied: "The host did not let you into this call.",
    lobby_not_needed: "You can join this call without asking.",
    knock_not_found: "You have not asked to join this call, or the request was withdrawn.",
    guests_not_allowed: "This session is for members of the space only.",
  },
  ru: {
    knock_required: "Из вашей сети уже вошло много гостей: попросите организатора впустить вас.",
    lobby_waiting: "Дождитесь, пока организатор впустит вас.",
    lobby_denied: "Организатор не впустил вас в этот звонок.",
    lobby_not_needed: "В этот звонок можно войти без просьбы.",
    knock_not_found: "Вы не просили войти в этот звонок, или просьба отозвана.",
    guests_not_allowed: "Эта встреча только для участников пространства.",
  },
};
