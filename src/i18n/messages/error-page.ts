import type { Locale } from "../config";

export type ErrorPageText = {
  title: string;
  body: string;
  retry: string;
  home: string;
  reference: string;
};

/**
 * The error pages are client components that render when the server (or the root layout) has
 * failed, so they cannot ask the server for a dictionary. This small module is what they bundle
 * instead of both full dictionaries; en.ts and ru.ts re-export their half as `errorPage`.
 */
export const ERROR_PAGE_TEXT: Record<Locale, ErrorPageText> = {
  en: {
    title: "Something went wrong",
    body: "This page could not be shown because of an error on our side. Try again in a moment.",
    retry: "Try again",
    home: "Go to your spaces",
    reference: "Error reference: {digest}",
  },
  ru: {
    title: "Что-то пошло не так",
    body: "Эту страницу не удалось показать из-за ошибки на нашей стороне. Попробуйте ещё раз чуть позже.",
    retry: "Попробовать снова",
    home: "К вашим пространствам",
    reference: "Код ошибки: {digest}",
  },
};
