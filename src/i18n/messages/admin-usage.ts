import type { Locale } from "../config";

/** The admin usage page's text; en.ts and ru.ts re-export their half as `adminUsage`. */
export const ADMIN_USAGE_TEXT: Record<
  Locale,
  {
    title: string;
    subtitle: string;
    filters: string;
    space: string;
    allSpaces: string;
    provider: string;
    allProviders: string;
    from: string;
    to: string;
    apply: string;
    reset: string;
    downloadCsv: string;
    invalidFilters: string;
    totalsStreams: string;
    totalsReceived: string;
    totalsBilled: string;
    totalsCost: string;
    minutesPerDay: string;
    costPerDay: string;
    costByProvider: string;
    topSessions: string;
    topSpaces: string;
    receivedMinutes: string;
    billedMinutes: string;
    cost: string;
    noData: string;
    tableTitle: string;
    when: string;
    session: string;
    speaker: string;
    received: string;
    billed: string;
    previous: string;
    next: string;
    pageOf: string;
  }
> = {
  en: {
    title: "Transcription usage",
    subtitle: "Server-metered speech-to-text for every space: audio received, seconds billed and cost.",
    filters: "Filters",
    space: "Space",
    allSpaces: "All spaces",
    provider: "Provider",
    allProviders: "All providers",
    from: "From",
    to: "To (inclusive)",
    apply: "Apply",
    reset: "Reset",
    downloadCsv: "Download CSV",
    invalidFilters: "Some filters were not valid and were ignored: {details}",
    totalsStreams: "Streams",
    totalsReceived: "Minutes received",
    totalsBilled: "Minutes billed",
    totalsCost: "Cost",
    minutesPerDay: "Minutes per day (UTC)",
    costPerDay: "Cost per day (USD)",
    costByProvider: "Cost by provider",
    topSessions: "Top sessions by cost",
    topSpaces: "Top spaces by cost",
    receivedMinutes: "Received",
    billedMinutes: "Billed",
    cost: "Cost",
    noData: "No transcription usage matches these filters.",
    tableTitle: "Streams",
    when: "Started",
    session: "Session",
    speaker: "Speaker",
    received: "Received, s",
    billed: "Billed, s",
    previous: "Previous",
    next: "Next",
    pageOf: "Page {page} of {pages}",
  },
  ru: {
    title: "Расход на распознавание речи",
    subtitle: "Учёт сервера по всем пространствам: полученное аудио, оплачиваемые секунды и стоимость.",
    filters: "Фильтры",
    space: "Пространство",
    allSpaces: "Все пространства",
    provider: "Провайдер",
    allProviders: "Все провайдеры",
    from: "С",
    to: "По (включительно)",
    apply: "Применить",
    reset: "Сбросить",
    downloadCsv: "Скачать CSV",
    invalidFilters: "Некоторые фильтры неверны и не применены: {details}",
    totalsStreams: "Потоков",
    totalsReceived: "Минут получено",
    totalsBilled: "Минут к оплате",
    totalsCost: "Стоимость",
    minutesPerDay: "Минуты по дням (UTC)",
    costPerDay: "Стоимость по дням (USD)",
    costByProvider: "Стоимость по провайдерам",
    topSessions: "Самые дорогие встречи",
    topSpaces: "Самые дорогие пространства",
    receivedMinutes: "Получено",
    billedMinutes: "К оплате",
    cost: "Стоимость",
    noData: "Под эти фильтры расхода нет.",
    tableTitle: "Потоки",
    when: "Начало",
    session: "Встреча",
    speaker: "Говорящий",
    received: "Получено, с",
    billed: "К оплате, с",
    previous: "Назад",
    next: "Далее",
    pageOf: "Страница {page} из {pages}",
  },
};
