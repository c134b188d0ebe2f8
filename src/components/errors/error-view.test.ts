import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { en } from "@/i18n/messages/en";
import { ru } from "@/i18n/messages/ru";
import { ErrorView } from "./error-view";

const render = (locale: "en" | "ru" | null, digest?: string) =>
  renderToStaticMarkup(createElement(ErrorView, { locale, digest, onRetry: () => {} }));

describe("error page", () => {
  it("speaks the page's language", () => {
    const english = render("en");
    expect(english).toContain(en.errorPage.title);
    expect(english).toContain(en.errorPage.retry);
    const russian = render("ru", "abc123");
    expect(russian).toContain(ru.errorPage.title);
    expect(russian).toContain(ru.errorPage.home);
    expect(russian).toContain("Код ошибки: abc123");
    expect(russian).not.toContain(en.errorPage.title);
  });

  it("falls back to English before the browser has said which language it wants", () => {
    expect(render(null)).toContain(en.errorPage.body);
  });
});
