import { randomBytes, randomInt } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ru } from "@/i18n/messages/ru";
import { devSignIn, launchChromium } from "../support/browser";
import { createSession, shot } from "../support/call-people";
import {
  barButtons,
  blockedMedia,
  blockMedia,
  headerOverflow,
  headerReds,
  joinCall,
  toolbar,
  watchRecordingSigns,
} from "../support/call-bar";

/**
 * Issue 18, the call bar (items 5, 6, 7, 10, item 3's "Copy joining info", item 16's mobile call
 * header): one Chromium, one host, one session; each case opens its own context (language,
 * viewport, permissions) and joins the same call, which moves the host's earlier tab out of it.
 */

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const host = { name: "Cora Callbar", email: `cora-${run}@example.test` };
const title = `Bar ${run}`;
const net = `10.${randomInt(128, 192)}.${randomInt(256)}`;
let clientNo = 0;

let browser: Browser;
let slug: string;
let context: BrowserContext | null = null;

async function open(opts: {
  locale?: "en-US" | "ru-RU";
  viewport?: { width: number; height: number };
  clipboard?: boolean;
  blocked?: boolean;
}): Promise<Page> {
  await context?.close();
  context = await browser.newContext({
    locale: opts.locale ?? "en-US",
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    extraHTTPHeaders: { "x-forwarded-for": `${net}.${++clientNo}` },
    permissions: opts.clipboard ? ["clipboard-read", "clipboard-write"] : [],
  });
  if (opts.blocked) await context.addInitScript(blockMedia);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await devSignIn(page, baseUrl, host, `/s/${slug}`);
  return page;
}

describe("the call bar (issue 18: items 3, 5, 6, 7, 10, 16)", () => {
  beforeAll(async () => {
    browser = await launchChromium(["--autoplay-policy=no-user-gesture-required"]);
    const setup = await browser.newPage();
    await devSignIn(setup, baseUrl, host);
    const space = await setup.request.post(`${baseUrl}/api/spaces`, { data: { name: `Callbar ${run}` } });
    expect(space.status()).toBe(201);
    const spaceId = (await space.json()).space.id as string;
    ({ slug } = await createSession(setup, baseUrl, spaceId, { title }));
    await setup.context().close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("item 5: at 1280 px the host's bar is one row in English and Russian, Leave and End rightmost, the rest in More", async () => {
    for (const [locale, leave, end, more] of [
      ["en-US", "Leave", "End for everyone", "More"],
      ["ru-RU", ru.call.leave, ru.call.endForAll, "Ещё"],
    ] as const) {
      const page = await open({ locale });
      await joinCall(page, locale === "en-US" ? "Join" : ru.call.join);
      // Every host control is there once captions run (Pause my captions shows then).
      await page.getByTestId("record-button").waitFor();
      const buttons = await barButtons(page);
      const tops = new Set(buttons.map((b) => Math.round(b.top)));
      expect(tops.size, `${locale}: ${JSON.stringify(buttons)}`).toBe(1);
      const names = buttons.map((b) => b.name.trim());
      expect(names.slice(-2), locale).toEqual([leave, end]);

      const menuButton = toolbar(page).getByRole("button", { name: more, exact: true });
      expect(await menuButton.getAttribute("aria-haspopup")).toBe("menu");
      expect(await menuButton.getAttribute("aria-expanded")).toBe("false");
      await shot(page, `callbar-${locale}-bar`);
      if (locale !== "en-US") continue;

      await menuButton.click();
      const menu = page.getByRole("menu");
      await menu.waitFor();
      expect(await menuButton.getAttribute("aria-expanded")).toBe("true");
      await menu.getByRole("menuitemcheckbox", { name: "Share screen" }).waitFor();
      await menu.getByRole("menuitem", { name: "Devices" }).waitFor();
      await menu.getByRole("menuitemcheckbox", { name: "Pause my captions" }).waitFor();
      await menu.getByRole("menuitem", { name: "Caption language" }).waitFor();
      await shot(page, "callbar-more-menu");
      // Arrow keys walk the items; Escape closes and gives focus back to More.
      // Focus moves in the menu's own handlers: each step is awaited until it lands.
      const focused = () =>
        page.evaluate(() => ({
          role: document.activeElement?.getAttribute("role") ?? "",
          text: document.activeElement?.textContent ?? "",
        }));
      await page.keyboard.press("ArrowDown");
      await expect.poll(async () => (await focused()).role).toMatch(/^menuitem/);
      const first = (await focused()).text;
      await page.keyboard.press("ArrowDown");
      await expect.poll(async () => (await focused()).text).not.toBe(first);
      expect((await focused()).role).toMatch(/^menuitem/);
      await page.keyboard.press("Escape");
      await menu.waitFor({ state: "detached" });
      expect(await menuButton.getAttribute("aria-expanded")).toBe("false");
      expect(await menuButton.evaluate((el) => el === document.activeElement)).toBe(true);
      // Devices is one click further, in a panel.
      await menuButton.click();
      await page.getByRole("menuitem", { name: "Devices" }).click();
      await page.getByRole("complementary", { name: "Devices" }).waitFor();
    }
  });

  it("item 6: the page behind is inert, Ctrl+D / Ctrl+E toggle mic and camera, ? lists them, Escape closes and focus returns", async () => {
    const page = await open({});
    await joinCall(page);
    await page.getByText("Connecting…", { exact: true }).waitFor({ state: "hidden" });

    // Nothing focusable outside the call can be reached.
    const reachable = await page.evaluate(() =>
      [
        ...document.querySelectorAll<HTMLElement>(
          'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])',
        ),
      ]
        .filter((el) => !el.closest(".lk-room-container") && !el.closest("[inert]"))
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(reachable).toEqual([]);

    const mic = toolbar(page).getByRole("button", { name: "Microphone", exact: true });
    const camera = toolbar(page).getByRole("button", { name: "Camera", exact: true });
    await page.evaluate(() => {
      const w = window as unknown as { __prevented: string[] };
      w.__prevented = [];
      window.addEventListener("keydown", (e) => e.defaultPrevented && w.__prevented.push(e.key));
    });
    // Joined with the pre-join's microphone and camera on: they are still being published right
    // after joining (the button reads off until then, and a toggle meanwhile is ignored).
    await expect.poll(() => mic.getAttribute("aria-pressed"), { timeout: 10_000 }).toBe("true");
    await expect.poll(() => camera.getAttribute("aria-pressed"), { timeout: 10_000 }).toBe("true");
    const micBefore = await mic.getAttribute("aria-pressed");
    await page.keyboard.press("Control+d");
    // Toggling opens or releases the device and (un)publishes the track: seconds on a loaded machine.
    await expect.poll(() => mic.getAttribute("aria-pressed"), { timeout: 10_000 }).not.toBe(micBefore);
    const cameraBefore = await camera.getAttribute("aria-pressed");
    await page.keyboard.press("Control+e");
    await expect.poll(() => camera.getAttribute("aria-pressed"), { timeout: 10_000 }).not.toBe(cameraBefore);
    // The browser's own Ctrl+D (bookmark) and Ctrl+E (search) do not run.
    expect(await page.evaluate(() => (window as unknown as { __prevented: string[] }).__prevented)).toEqual([
      "d",
      "e",
    ]);

    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    const helpText = await help.textContent();
    expect(helpText).toContain("Ctrl + D");
    expect(helpText).toContain("Ctrl + E");
    await shot(page, "callbar-shortcuts");
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "hidden" });

    const chat = toolbar(page).getByRole("button", { name: "Chat", exact: true });
    await chat.click();
    const panel = page.getByRole("complementary", { name: "Chat" });
    await panel.waitFor();
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    expect(await chat.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it("item 7: no red beside the title when nothing is recorded; badge and notice never disagree", async () => {
    const page = await open({});
    await joinCall(page);
    expect(await headerReds(page)).toBe(0);

    // What the badge and the notice said together, at every change of either.
    const { seen: seenNow } = await watchRecordingSigns(page);
    await page.getByTestId("record-button").click();
    await page.locator('[data-testid="recording-indicator"][data-status="RECORDING"]').waitFor();
    // The notice comes (whenever it does), and it never came while the badge said something else.
    await expect
      .poll(async () => (await seenNow()).some((s) => s.notice?.includes(`${host.name} started recording`)))
      .toBe(true);
    await shot(page, "callbar-recording");
    const seen = await seenNow();
    const disagree = seen.filter((s) => s.notice?.includes("started recording") && s.badge !== "RECORDING");
    expect(disagree).toEqual([]);

    await page.getByTestId("record-button").click();
    await page.getByTestId("recording-indicator").waitFor({ state: "detached" });
    await page.getByTestId("recording-notice").getByText("Recording stopped").waitFor();
    expect(await headerReds(page)).toBe(0);
  });

  it("item 10: a blocked camera and microphone show off, with steps to re-allow and a Retry that asks again", async () => {
    const page = await open({ blocked: true });
    const micSwitch = page.getByRole("switch", { name: "Microphone", exact: true });
    const cameraSwitch = page.getByRole("switch", { name: "Camera", exact: true });
    const blocked = page.getByTestId("media-blocked");
    await blocked.waitFor();
    expect(await micSwitch.getAttribute("aria-checked")).toBe("false");
    expect(await cameraSwitch.getAttribute("aria-checked")).toBe("false");
    const steps = await blocked.textContent();
    expect(steps).toContain("Site settings");
    expect(steps).toContain("Firefox");
    expect(steps).toContain("Safari");
    await shot(page, "callbar-blocked-prejoin");

    const media = blockedMedia(page);
    const before = await media.asked();
    await blocked.getByRole("button", { name: "Retry" }).click();
    await expect.poll(media.asked).toBeGreaterThan(before);
    await blocked.waitFor();
    // The person allowed it in the browser: Retry now turns both on.
    await media.allow(true);
    await blocked.getByRole("button", { name: "Retry" }).click();
    await expect.poll(() => micSwitch.getAttribute("aria-checked")).toBe("true");
    await expect.poll(() => cameraSwitch.getAttribute("aria-checked")).toBe("true");
    await blocked.waitFor({ state: "detached" });

    // In the call: the camera, blocked again, stays off with the same steps and a Retry.
    await cameraSwitch.click();
    await joinCall(page);
    await page.getByText("Connecting…", { exact: true }).waitFor({ state: "hidden" });
    await media.allow(false);
    const camera = toolbar(page).getByRole("button", { name: "Camera", exact: true });
    await camera.click();
    const inCall = page.getByTestId("media-blocked");
    await inCall.waitFor();
    expect(await inCall.textContent()).toContain("Site settings");
    expect(await camera.getAttribute("aria-pressed")).toBe("false");
    await shot(page, "callbar-blocked-call");
    await media.allow(true);
    await inCall.getByRole("button", { name: "Retry" }).click();
    await expect.poll(() => camera.getAttribute("aria-pressed"), { timeout: 10_000 }).toBe("true");
    await inCall.waitFor({ state: "detached" });
  });

  it("item 3: Copy joining info on the pre-join and in the call puts the link and title on the clipboard", async () => {
    const page = await open({ clipboard: true });
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await page.getByRole("button", { name: "Copy joining info" }).click();
    await page.getByRole("status").getByText("Copied", { exact: true }).waitFor();
    const copied = await clipboard();
    expect(copied).toContain(title);
    expect(copied).toContain(`${baseUrl}/s/${slug}`);

    await page.evaluate(() => navigator.clipboard.writeText(""));
    await joinCall(page);
    await toolbar(page).getByRole("button", { name: "More", exact: true }).click();
    await page.getByRole("menuitem", { name: "Copy joining info" }).click();
    await page
      .locator(".lk-room-container")
      .getByRole("status")
      .getByText("Copied", { exact: true })
      .waitFor();
    expect(await clipboard()).toContain(`${baseUrl}/s/${slug}`);
  });

  it("item 16: on a 390 px phone the call header and the bar fit the screen", async () => {
    const page = await open({ viewport: { width: 390, height: 844 }, locale: "ru-RU" });
    await joinCall(page, ru.call.join);
    await page.getByTestId("record-button").waitFor();
    // The header at its fullest for a host: the caption cost beside the head count.
    await page.getByTestId("host-caption-cost").waitFor();
    await shot(page, "callbar-mobile");
    const outside = await headerOverflow(page);
    expect(outside).toEqual([]);
    const buttons = await barButtons(page);
    expect(buttons.every((b) => b.left >= 0 && b.right <= 390)).toBe(true);
    expect(new Set(buttons.map((b) => Math.round(b.top))).size).toBe(1);
    // The panels without room in the bar are in More.
    await toolbar(page).getByRole("button", { name: "Ещё", exact: true }).click();
    await page.getByRole("menuitem", { name: ru.call.participantsTitle, exact: true }).click();
    await page.getByRole("complementary", { name: ru.call.participantsTitle }).waitFor();
    await shot(page, "callbar-mobile-people");
  });
});
