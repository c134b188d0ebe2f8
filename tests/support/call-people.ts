import { randomInt } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { launchChromium } from "./browser";
import type { SpeechWav } from "./speech";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { readReply } from "./contract";

/**
 * People in a call for the e2e tests: one Chromium process each (the fake microphone file is a
 * process-wide flag), each from an address of its own (the per-client rate limits), voice
 * processing off (the fake microphone plays a recording: it would only colour it).
 */

type PageOptions = {
  /** What the fake microphone plays; none: Chromium's own fake device. */
  wav?: SpeechWav | null;
  /** Play `wav` once (`%noloop`) instead of looping it. */
  once?: boolean;
  /** For a ws instance the app's CSP does not list. */
  bypassCSP?: boolean;
  /** A script run in every page before the app, with its argument. */
  init?: { script: (arg: never) => unknown; arg: unknown };
};

export function callPeople(baseUrl: string) {
  const browsers: Browser[] = [];
  const net = `10.${randomInt(64, 128)}.${randomInt(256)}`;
  let clientNo = 0;

  return {
    async page(opts: PageOptions = {}): Promise<Page> {
      const mic = opts.wav
        ? [`--use-file-for-fake-audio-capture=${opts.wav.path}${opts.once ? "%noloop" : ""}`]
        : [];
      const browser = await launchChromium([...mic, "--autoplay-policy=no-user-gesture-required"]);
      browsers.push(browser);
      const context = await browser.newContext({
        locale: "en-US",
        viewport: { width: 1280, height: 800 },
        extraHTTPHeaders: { "x-forwarded-for": `${net}.${++clientNo}` },
        bypassCSP: opts.bypassCSP ?? false,
      });
      await context.addInitScript(() => localStorage.setItem("rooms:voice-processing", "off"));
      if (opts.init)
        await context.addInitScript(opts.init.script as (arg: unknown) => unknown, opts.init.arg);
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      return page;
    },
    async openPreJoin(page: Page, slug: string) {
      await page.goto(`${baseUrl}/s/${slug}`);
      await page.getByRole("button", { name: "Join", exact: true }).waitFor();
    },
    shot,
    async close() {
      for (const b of browsers) await b.close().catch(() => {});
    },
  };
}

/** A screenshot into E2E_SCREENSHOT_DIR, when it is set. */
export async function shot(page: Page, name: string) {
  const shots = process.env.E2E_SCREENSHOT_DIR;
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

/** A space of the signed-in `owner` page, with the person signed in on `memberPage` as a member. */
export async function spaceWithMember(
  owner: Page,
  baseUrl: string,
  name: string,
  memberEmail: string,
  memberPage: Page,
) {
  const space = await owner.request.post(`${baseUrl}/api/spaces`, { data: { name } });
  expect(space.status()).toBe(201);
  const spaceId = (await readReply(space, spacesApi.create)).space.id as string;
  await inviteAndAccept(owner.request, memberPage.request, baseUrl, spaceId, memberEmail);
  return spaceId;
}

type Requests = Page["request"];

/** The owner's `request` invites `email` into the space; the invitee's (signed in as it) accepts. */
export async function inviteAndAccept(
  owner: Requests,
  invitee: Requests,
  baseUrl: string,
  spaceId: string,
  email: string,
) {
  const invited = await owner.post(`${baseUrl}/api/spaces/${spaceId}/invitations`, { data: { email } });
  expect(invited.status()).toBe(202);
  const { id } = (await readReply(invited, spacesApi.invite)).invitation as { id: string };
  const accepted = await invitee.post(`${baseUrl}/api/invitations/${id}/accept`);
  expect(accepted.status()).toBe(200);
}

/**
 * A new space owned by the first page's person, with each other page's person (signed in as
 * `emails[n]`) invited and accepted: a call's members. Resolves to its id.
 */
export async function spaceOfEveryone(pages: Page[], emails: string[], baseUrl: string, name: string) {
  const host = pages[0]!;
  const space = await host.request.post(`${baseUrl}/api/spaces`, { data: { name } });
  expect(space.status()).toBe(201);
  const spaceId = (await readReply(space, spacesApi.create)).space.id;
  for (let n = 1; n < pages.length; n++) {
    await inviteAndAccept(host.request, pages[n]!.request, baseUrl, spaceId, emails[n]!);
  }
  return spaceId;
}

/** A live session in the space, created by the signed-in `host` page. */
export async function createSession(
  host: Page,
  baseUrl: string,
  spaceId: string,
  body: { title: string } & Record<string, unknown>,
) {
  const res = await host.request.post(`${baseUrl}/api/spaces/${spaceId}/sessions`, {
    data: { transcriptionLanguage: "en", ...body },
  });
  expect(res.status()).toBe(201);
  return (await readReply(res, sessionsApi.create)).session as { id: string; slug: string };
}

/** Joins from the pre-join screen with the microphone on or off. */
export async function joinWithMic(page: Page, baseUrl: string, slug: string, mic: boolean) {
  await page.goto(`${baseUrl}/s/${slug}`);
  const toggle = page.getByRole("switch", { name: "Microphone", exact: true });
  await toggle.waitFor();
  if ((await toggle.getAttribute("aria-checked")) !== String(mic)) await toggle.click();
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await page.getByRole("toolbar", { name: "Call controls" }).waitFor();
}
