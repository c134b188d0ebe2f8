import type { Locale } from "../config";

const en = {
  more: "More",
  stopSharing: "Stop sharing",
  copyJoiningInfo: "Copy joining info",
  copied: "Copied",
  copyFailed: "Couldn't copy. The link is {url}",
  /** What "Copy joining info" puts on the clipboard. */
  joiningInfo: "{title}\n{context}\n{started}Join: {url}",
  joiningStarted: "Started {time}\n",
  shortcuts: "Keyboard shortcuts",
  shortcutMic: "Turn your microphone on or off",
  shortcutCamera: "Turn your camera on or off",
  shortcutHelp: "Show these shortcuts",
  shortcutEscape: "Close the open panel or menu",
  shortcutsMac: "On a Mac, press ⌘ instead of Ctrl.",
  close: "Close",
  blockedBoth: "Your browser blocks the camera and microphone for this site.",
  blockedMic: "Your browser blocks the microphone for this site.",
  blockedCamera: "Your browser blocks the camera for this site.",
  blockedHow: "To allow access, then press Retry:",
  blockedChrome:
    "Chrome, Edge: click the lock (or settings) icon at the left of the address bar → Site settings → set Camera and Microphone to Allow.",
  blockedFirefox:
    "Firefox: click the crossed-out camera or microphone icon in the address bar and clear “Blocked temporarily” or “Blocked”.",
  blockedSafari:
    "Safari: Safari menu → Settings for This Website… (or Settings → Websites) → set Camera and Microphone to Allow.",
  blockedSystem: "Still blocked? Your system settings may deny this browser the camera or microphone.",
  retry: "Retry",
};

export type CallbarText = typeof en;

/** The call bar: the More menu, shortcuts, joining info, and what to do when media is blocked. */
export const CALLBAR_TEXT: Record<Locale, CallbarText> = {
  en,
  ru: {
    more: "Ещё",
    stopSharing: "Остановить показ",
    copyJoiningInfo: "Скопировать данные для входа",
    copied: "Скопировано",
    copyFailed: "Не удалось скопировать. Ссылка: {url}",
    joiningInfo: "{title}\n{context}\n{started}Присоединиться: {url}",
    joiningStarted: "Началась {time}\n",
    shortcuts: "Сочетания клавиш",
    shortcutMic: "Включить или выключить микрофон",
    shortcutCamera: "Включить или выключить камеру",
    shortcutHelp: "Показать эти сочетания",
    shortcutEscape: "Закрыть открытую панель или меню",
    shortcutsMac: "На Mac нажимайте ⌘ вместо Ctrl.",
    close: "Закрыть",
    blockedBoth: "Браузер запретил этому сайту доступ к камере и микрофону.",
    blockedMic: "Браузер запретил этому сайту доступ к микрофону.",
    blockedCamera: "Браузер запретил этому сайту доступ к камере.",
    blockedHow: "Разрешите доступ и нажмите «Повторить»:",
    blockedChrome:
      "Chrome, Edge: нажмите на значок замка (или настроек) слева в адресной строке → «Настройки сайтов» → для камеры и микрофона выберите «Разрешить».",
    blockedFirefox:
      "Firefox: нажмите на перечёркнутый значок камеры или микрофона в адресной строке и снимите «Временно заблокировано» или «Заблокировано».",
    blockedSafari:
      "Safari: меню Safari → «Настройки для этого веб-сайта…» (или «Настройки» → «Веб-сайты») → для камеры и микрофона выберите «Разрешить».",
    blockedSystem:
      "Всё ещё заблокировано? Возможно, системные настройки не дают браузеру доступ к камере или микрофону.",
    retry: "Повторить",
  },
};
