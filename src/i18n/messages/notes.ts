import type { Locale } from "../config";

const en = {
  /** The end screens' way to the call's notes. */
  end: {
    label: "After the call",
    transcript: "Open the transcript",
    analysis: "Open the analysis",
    running: "The analysis is still running. It will be ready here in a minute.",
    ready: "The analysis is ready.",
    failed: "The analysis could not be completed. The host can run it again from the transcript.",
    checking: "Checking for the call's notes…",
  },
  transcript: {
    startedAt: "Started {date}",
    hideAnalysis: "Hide the analysis",
    showAnalysis: "Show the analysis",
    player: "Recording",
  },
  analysis: {
    citeLabel: "Jump to {time} in the transcript",
  },
  tasks: {
    doneFor: "Done: “{title}”",
    saved: "Saved",
    saving: "Saving…",
    notSaved: "Not saved: {reason}",
    titleRequired: "A task needs a title.",
    empty: "None.",
  },
};

export type NotesText = typeof en;

/** After the call (issue 18, items 12–15): end-screen links, transcript page, analysis, tasks. */
export const NOTES_TEXT: Record<Locale, NotesText> = {
  en,
  ru: {
    end: {
      label: "После звонка",
      transcript: "Открыть расшифровку",
      analysis: "Открыть анализ",
      running: "Анализ ещё идёт. Через минуту он будет готов.",
      ready: "Анализ готов.",
      failed: "Анализ не удалось выполнить. Организатор может запустить его снова со страницы расшифровки.",
      checking: "Проверяем, что осталось после звонка…",
    },
    transcript: {
      startedAt: "Начало: {date}",
      hideAnalysis: "Скрыть анализ",
      showAnalysis: "Показать анализ",
      player: "Запись",
    },
    analysis: {
      citeLabel: "Перейти к {time} в расшифровке",
    },
    tasks: {
      doneFor: "Готово: «{title}»",
      saved: "Сохранено",
      saving: "Сохраняем…",
      notSaved: "Не сохранено: {reason}",
      titleRequired: "У задачи должно быть название.",
      empty: "Нет.",
    },
  },
};
