import { randomBytes, randomInt } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { devSignIn, launchChromium } from "../support/browser";
import { createSession } from "../support/call-people";

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const host = { name: "Mia Media", email: `mia-${run}@example.test` };

let browser: Browser;
let page: Page;

const cameraSwitch = () => page.getByRole("switch", { name: "Camera", exact: true });
const micSelect = () => page.getByLabel("Microphone device");
const cameraButton = () =>
  page.getByRole("toolbar", { name: "Call controls" }).getByRole("button", { name: "Camera", exact: true });

describe("device choices are remembered across reloads (issue 18 item 11)", () => {
  let slug: string;
  let mic: string;

  beforeAll(async () => {
    browser = await launchChromium();
    const context = await browser.newContext({
      locale: "en-US",
      viewport: { width: 1280, height: 800 },
      extraHTTPHeaders: { "x-forwarded-for": `10.91.${randomInt(256)}.${randomInt(1, 255)}` },
    });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await devSignIn(page, baseUrl, host);
    const space = await page.request.post(`${baseUrl}/api/spaces`, { data: { name: `Devices ${run}` } });
    expect(space.status()).toBe(201);
    const spaceId = (await space.json()).space.id as string;
    ({ slug } = await createSession(page, baseUrl, spaceId, { title: `Devices ${run}` }));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("keeps the camera off and the chosen microphone after a reload of the pre-join", async () => {
    await page.goto(`${baseUrl}/s/${slug}`);
    await expect.poll(() => cameraSwitch().getAttribute("aria-checked")).toBe("true");
    // Chromium's fake devices (listed once the browser enumerated them): any microphone but the default.
    const devices = micSelect().locator('option:not([value=""])');
    await expect.poll(() => devices.count()).toBeGreaterThan(0);
    const mics = await devices.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    mic = mics[mics.length - 1]!;
    await micSelect().selectOption(mic);
    await cameraSwitch().click();
    await expect.poll(() => cameraSwitch().getAttribute("aria-checked")).toBe("false");

    await page.reload();
    await expect.poll(() => cameraSwitch().getAttribute("aria-checked")).toBe("false");
    await expect.poll(() => micSelect().inputValue()).toBe(mic);
    expect(await page.getByText("Your camera is off").count()).toBe(1);
  });

  it("joins with them, and a camera turned on in the call is on at the next join", async () => {
    await page.getByRole("button", { name: "Join", exact: true }).click();
    await cameraButton().waitFor();
    // A toggle pressed before the room is connected has nothing to publish into.
    await page.getByText("Connecting…", { exact: true }).waitFor({ state: "hidden" });
    await expect.poll(() => cameraButton().getAttribute("aria-pressed")).toBe("false");
    await cameraButton().click();
    await expect.poll(() => cameraButton().getAttribute("aria-pressed"), { timeout: 15_000 }).toBe("true");

    await page.reload();
    await expect.poll(() => cameraSwitch().getAttribute("aria-checked")).toBe("true");
    await expect.poll(() => micSelect().inputValue()).toBe(mic);
  });
});
