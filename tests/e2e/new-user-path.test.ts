import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { STT_PROVIDER_CHOICES, isLocalModel } from "@/modules/core/shared/domain/stt-config";
import { captionLanguages } from "@/modules/core/captions/domain/caption-languages";
import { devSignIn, launchChromium } from "../support/browser";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { readError, readReply } from "../support/contract";

const baseUrl = inject("baseUrl");
const run = randomBytes(4).toString("hex");
const userA = { name: "Alice Owner", email: `alice-${run}@example.test` };
const userB = { name: "Bob Member", email: `bob-${run}@example.test` };
const userC = { name: "Carol Outsider", email: `carol-${run}@example.test` };
const firstName = `Planning ${run}`;
const renamed = `Roadmap ${run}`;

let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(locale = "en-US"): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

const h1 = (page: Page) => page.locator("h1");

describe("a new user's first steps", () => {
  let pageA: Page;
  let spaceUrl: string;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
  });

  it("signs in, creates and renames a space, shares it; outsiders get a 404", async () => {
    // B has an account already; the invitation reads the same as for a stranger.
    const pageB = await newPage();
    await devSignIn(pageB, baseUrl, userB);

    pageA = await newPage();
    await pageA.goto(`${baseUrl}/`);
    await pageA.waitForURL((u) => u.pathname === "/signin");
    await pageA.getByLabel("Display name").waitFor();
    await pageA.getByLabel("Email").waitFor();
    await devSignIn(pageA, baseUrl, userA);

    await expect.poll(() => h1(pageA).textContent()).toBe("Your spaces");
    await pageA.getByText("You're not in any spaces yet").waitFor();

    await pageA.getByLabel("Space name").fill(firstName);
    await pageA.getByRole("button", { name: "Create space" }).click();
    await pageA.waitForURL(/\/spaces\/[0-9a-f-]{36}$/);
    spaceUrl = pageA.url();
    await expect.poll(() => h1(pageA).textContent()).toBe(firstName);
    await pageA.getByText("No sessions yet").waitFor();

    // The space page has more than one form with a Save button (name, transcription budget).
    const renameForm = pageA.locator("form").filter({ has: pageA.getByLabel("Space name") });
    await renameForm.getByLabel("Space name").fill(renamed);
    await renameForm.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => h1(pageA).textContent()).toBe(renamed);

    await pageA.getByLabel("Email").fill(userB.email);
    await pageA.getByRole("button", { name: "Invite", exact: true }).click();
    await pageA
      .getByRole("status")
      .filter({ hasText: `Invitation to ${userB.email} is pending` })
      .waitFor();
    await pageA.getByRole("list", { name: "Pending invitations" }).getByText(userB.email).waitFor();
    const members = pageA.getByRole("list", { name: "Members" });
    expect(await members.getByText(userB.email).count()).toBe(0);

    // The owner cannot leave as the only owner: the API's 409 shows inline.
    await pageA.getByRole("button", { name: "Leave space" }).click();
    await pageA.getByRole("alert").filter({ hasText: "at least one owner" }).waitFor();

    // B accepts on their dashboard; only then are they a member.
    await pageB.goto(`${baseUrl}/`);
    await pageB.getByRole("button", { name: `Accept the invitation to ${renamed}` }).click();
    const link = pageB.getByRole("link", { name: new RegExp(renamed) });
    await link.waitFor();
    expect(await link.textContent()).toContain("2 members");
    await link.click();
    await pageB.waitForURL(spaceUrl);
    await expect.poll(() => h1(pageB).textContent()).toBe(renamed);
    // A plain member sees no management controls.
    expect(await pageB.getByRole("button", { name: "Invite", exact: true }).count()).toBe(0);

    await pageA.reload();
    await members.getByText(userB.email).waitFor();
    await members.getByLabel(`Role for ${userB.name}`).waitFor();
    expect(await pageA.getByRole("list", { name: "Pending invitations" }).count()).toBe(0);

    const pageC = await newPage();
    await devSignIn(pageC, baseUrl, userC);
    const res = await pageC.goto(spaceUrl);
    expect(res?.status()).toBe(404);
    await expect.poll(() => h1(pageC).textContent()).toBe("Page not found");
    await pageC.getByRole("link", { name: "Go to your spaces" }).waitFor();

    const malformed = await pageC.goto(`${baseUrl}/spaces/not-a-uuid`);
    expect(malformed?.status()).toBe(404);
  });

  it("switches the interface to Russian and back", async () => {
    await pageA.goto(`${baseUrl}/`);
    await expect.poll(() => h1(pageA).textContent()).toBe("Your spaces");
    const switcher = pageA.getByRole("group", { name: "Language" });

    await switcher.getByRole("button", { name: "RU" }).click();
    await expect.poll(() => h1(pageA).textContent()).toBe("Ваши пространства");
    await pageA.getByRole("link", { name: "Профиль" }).waitFor();
    expect(await pageA.locator("html").getAttribute("lang")).toBe("ru");
    // The choice is a cookie, so it survives a full reload.
    await pageA.reload();
    await expect.poll(() => h1(pageA).textContent()).toBe("Ваши пространства");

    await pageA.getByRole("group", { name: "Язык" }).getByRole("button", { name: "EN" }).click();
    await expect.poll(() => h1(pageA).textContent()).toBe("Your spaces");
    expect(await pageA.locator("html").getAttribute("lang")).toBe("en");
  });

  it("in Russian, the session form offers exactly the recognizer's languages and defaults to one it can do", async () => {
    // The test server's recognizer is the ws process beside it (next-server.ts: STT_PROVIDER and
    // STT_LOCAL_MODELS are the same for both): Whisper with the multilingual model, PocketSphinx
    // (English only), or none.
    const { provider, localModels } = inject("transcription");
    const caps = captionLanguages({
      provider: STT_PROVIDER_CHOICES.find((p) => p === provider) ?? "auto",
      gladiaKey: false,
      localModels: localModels.filter(isLocalModel),
    });
    const page = await newPage("ru-RU");
    await devSignIn(page, baseUrl, userA);
    await page.goto(spaceUrl);
    const select = page.getByLabel("Язык субтитров");
    await select.waitFor();
    const offered = await select
      .locator("option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    // "Detect automatically" first, then the languages (ordered by their names in the UI language).
    const auto = caps.autoDetect ? ["auto"] : [];
    expect(offered.slice(0, auto.length)).toEqual(auto);
    expect(offered.slice(auto.length).sort()).toEqual([...caps.languages].sort());
    const hint = page.getByTestId("caption-language-hint");
    if (caps.languages.length === 0) {
      expect(await select.isDisabled()).toBe(true);
      expect(await hint.textContent()).toContain("не настроено распознавание речи");
      return;
    }
    const created = async () => {
      await page.getByLabel("Название", { exact: true }).fill(`Русская ${run}`);
      await page.getByRole("button", { name: "Создать встречу" }).click();
      await page.waitForURL(/\/s\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
      const slug = new URL(page.url()).pathname.split("/").pop()!;
      const res = await page.request.get(`${baseUrl}/api/sessions/${slug}`);
      return (await readReply(res, sessionsApi.get)).session.transcriptionLanguage as string;
    };
    if (caps.languages.includes("ru")) {
      // The UI language is offered: it is the default, and the hint has nothing to excuse.
      expect(await select.inputValue()).toBe("ru");
      expect(await select.locator("option:checked").textContent()).toBe("Русский");
      expect(await hint.textContent()).not.toContain("недоступны");
      expect(await created()).toBe("ru");
      return;
    }
    // The UI language (Russian) is not offered: the form defaults to English and says why, in Russian.
    expect(await select.inputValue()).toBe("en");
    expect(await select.locator("option:checked").textContent()).toBe("Английский");
    expect(await hint.textContent()).toBe(
      "Субтитры на языке «Русский» недоступны: этот сервер не умеет распознавать этот язык.",
    );
    expect(await created()).toBe("en");
  });

  it("speaks Russian by default to a browser that asks for it", async () => {
    const page = await newPage("ru-RU");
    const res = await page.goto(`${baseUrl}/signin`);
    expect(res?.status()).toBe(200);
    expect(await page.locator("html").getAttribute("lang")).toBe("ru");
    await expect.poll(() => h1(page).textContent()).toBe("Вход в Rooms");
    await page.getByLabel("Отображаемое имя").waitFor();
  });

  it("rejects an unsupported locale with a 400 JSON error", async () => {
    const res = await fetch(`${baseUrl}/api/locale`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ locale: "de" }),
    });
    expect(res.status).toBe(400);
    expect((await readError(res)).code).toBe("invalid_locale");
  });
});
