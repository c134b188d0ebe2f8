import { randomBytes, randomInt } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { devSignIn, launchChromium } from "../support/browser";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { captionsApi } from "@/modules/core/captions/api/contract";
import { readReply } from "../support/contract";

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const owner = { name: "Gloria Glossary", email: `gloria-${run}@example.test` };

let browser: Browser;
let context: BrowserContext;
let page: Page;
let spaceId: string;

describe("the space page's glossary editor", () => {
  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({
      locale: "en-US",
      extraHTTPHeaders: { "x-forwarded-for": `10.83.${randomInt(256)}.${randomInt(1, 255)}` },
    });
    page = await context.newPage();
    await devSignIn(page, baseUrl, owner);
    const space = await context.request.post(`${baseUrl}/api/spaces`, { data: { name: `Glossary ${run}` } });
    expect(space.status()).toBe(201);
    spaceId = (await readReply(space, spacesApi.create)).space.id;
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it("an owner types terms one per line, sees them counted and checked, saves, and finds them after a reload", async () => {
    await page.goto(`${baseUrl}/spaces/${spaceId}`);
    const terms = page.getByLabel("Terms, one per line");
    await terms.fill(`Quarrington\n${"x".repeat(61)}`);
    await expect.poll(() => page.getByText("Line 2 is longer than 60 characters.").count()).toBe(1);

    await terms.fill("  Quarrington \n\nKubernetes\nkubernetes\nLiveKit");
    await expect.poll(() => page.getByTestId("glossary-count").innerText()).toBe("Terms: 3 of 300");
    await page.getByRole("button", { name: "Save glossary" }).click();
    await expect
      .poll(() =>
        page
          .getByRole("status")
          .filter({ hasText: /^Saved\.$/ })
          .count(),
      )
      .toBe(1);
    // The editor shows what was stored: trimmed, one spelling per term.
    expect(await terms.inputValue()).toBe("Quarrington\nKubernetes\nLiveKit");

    await page.reload();
    expect(await page.getByLabel("Terms, one per line").inputValue()).toBe(
      "Quarrington\nKubernetes\nLiveKit",
    );
    const api = await context.request.get(`${baseUrl}/api/spaces/${spaceId}/glossary`);
    expect((await readReply(api, captionsApi.getGlossary)).glossary.terms).toEqual([
      "Quarrington",
      "Kubernetes",
      "LiveKit",
    ]);
  });
});
