import { randomBytes, randomInt } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import type { APIRequestContext, Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { devSignIn, launchChromium } from "../support/browser";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { readReply } from "../support/contract";

const baseUrl = inject("baseUrl");
const serverLog = inject("serverLog");
const run = randomBytes(3).toString("hex");
const owner = { name: "Petra Pages", email: `petra-${run}@example.test` };
const spaceName = `Pages ${run}`;
const sessionTitle = `Retro ${run}`;

let browser: Browser;
let context: BrowserContext;
let api: APIRequestContext;
let spaceId: string;
let slug: string;

/** What the server wrote to its log while `action` ran. */
async function logDuring(action: () => Promise<void>): Promise<string> {
  const from = statSync(serverLog).size;
  await action();
  // Next writes render errors asynchronously after the response; give it a moment.
  await new Promise((r) => setTimeout(r, 300));
  return readFileSync(serverLog).subarray(from).toString("utf8");
}

describe("server-rendered pages with data in them", () => {
  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({
      locale: "en-US",
      extraHTTPHeaders: { "x-forwarded-for": `10.78.${randomInt(256)}.${randomInt(1, 255)}` },
    });
    const page = await context.newPage();
    await devSignIn(page, baseUrl, owner);
    api = context.request;
    const space = await api.post(`${baseUrl}/api/spaces`, { data: { name: spaceName } });
    expect(space.status()).toBe(201);
    spaceId = (await readReply(space, spacesApi.create)).space.id;
    const session = await api.post(`${baseUrl}/api/spaces/${spaceId}/sessions`, {
      data: { title: sessionTitle },
    });
    expect(session.status()).toBe(201);
    slug = (await readReply(session, sessionsApi.create)).session.slug;
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it("renders a space page that lists a session, in both languages, without a server error", async () => {
    for (const language of ["en-US", "ru-RU"]) {
      let status = 0;
      let html = "";
      const log = await logDuring(async () => {
        const res = await api.get(`${baseUrl}/spaces/${spaceId}`, {
          headers: { "accept-language": language },
        });
        status = res.status();
        html = await res.text();
      });
      expect(status, `${language}: ${log}`).toBe(200);
      expect(html).toContain(sessionTitle);
      // The server names the zone it rendered the time in; the browser switches to local time.
      expect(html).toMatch(/UTC/);
      expect(log).not.toMatch(/⨯|Error|"level":[56]0/);
    }
  });

  it("renders the dashboard, profile and session pages with data", async () => {
    const pages: [string, string][] = [
      ["/", spaceName],
      ["/profile", owner.email],
      [`/s/${slug}`, sessionTitle],
    ];
    for (const [path, expected] of pages) {
      let status = 0;
      let html = "";
      const log = await logDuring(async () => {
        const res = await api.get(`${baseUrl}${path}`);
        status = res.status();
        html = await res.text();
      });
      expect(status, `${path}: ${log}`).toBe(200);
      expect(html, path).toContain(expected);
      expect(log, path).not.toMatch(/⨯|Error|"level":[56]0/);
    }
  });
});
