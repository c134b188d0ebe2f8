import type { Locale } from "../config";

const en = {
  settingsTitle: "Captions",
  sizeLabel: "Caption size",
  sizes: { small: "Small", medium: "Medium", large: "Large", xlarge: "Extra large" },
  positionLabel: "Caption position",
  positions: { bottom: "Bottom of the video", top: "Top of the video" },
  /** Why the CC control is disabled, said the same way in the call, its transcript panel and after it. */
  off: "Captions are off for this session.",
  noRecognizer: "Captions are unavailable: this server has no speech recognizer set up.",
  recognizerFailed: "Captions are unavailable: the speech recognizer is not working right now.",
  offAfterCall: "Captions were off — no transcript.",
};

export type CaptionsUxText = typeof en;

/** Caption display settings (size, position) and the reasons captions are not there (issue 18 item 8). */
export const CAPTIONS_UX_TEXT: Record<Locale, CaptionsUxText> = {
  en,
  ru: {
    settingsTitle: "Субтитры",
    sizeLabel: "Размер субтитров",
    sizes: { small: "Мелкий", medium: "Средний", large: "Крупный", xlarge: "Очень крупный" },
    positionLabel: "Положение субтитров",
    positions: { bottom: "Внизу видео", top: "Вверху видео" },
    off: "Субтитры для этой встречи выключены.",
    noRecognizer: "Субтитры недоступны: на этом сервере не настроено распознавание речи.",
    recognizerFailed: "Субтитры недоступны: распознавание речи сейчас не работает.",
    offAfterCall: "Субтитры были выключены — расшифровки нет.",
  },
};
