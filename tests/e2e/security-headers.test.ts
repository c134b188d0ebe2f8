import { randomBytes, randomInt } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { devSignIn, launchChromium } from "../support/browser";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { readError, readReply } from "../support/contract";

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const host = { name: "Hana Host", email: `hana-sec-${run}@example.test` };
const net = `10.79.${randomInt(256)}`;

let browser: Browser;
const contexts: BrowserContext[] = [];

/** A page that records CSP violations (from the DOM event) and console CSP messages. */
async function newPage(): Promise<{ page: Page; csp: () => Promise<string[]>; console: string[] }> {
  const context = await browser.newContext({
    locale: "en-US",
    viewport: { width: 1280, height: 800 },
    extraHTTPHeaders: { "x-forwarded-for": `${net}.${contexts.length + 1}` },
  });
  contexts.push(context);
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const messages: string[] = [];
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) messages.push(m.text());
  });
  return {
    page,
    csp: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.slice()),
    console: messages,
  };
}

describe("security headers and the Origin check on the running server", () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
  });

  it("sends a nonce CSP that forbids framing, and the fixed headers, on pages", async () => {
    const [a, b] = await Promise.all([fetch(`${baseUrl}/signin`), fetch(`${baseUrl}/signin`)]);
    expect(a.status).toBe(200);
    const csp = a.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(b.headers.get("content-security-policy")).not.toContain(nonce);
    // Every script Next wrote into the page carries this request's nonce.
    const html = await a.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    expect(a.headers.get("x-frame-options")).toBe("DENY");
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(a.headers.get("permissions-policy")).toMatch(
      /camera=\(self\).*microphone=\(self\).*display-capture=\(self\)/,
    );
    const api = await fetch(`${baseUrl}/api/health`);
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
    expect(api.headers.get("x-frame-options")).toBe("DENY");
  });

  it("refuses a cross-site write over HTTP, before anything else", async () => {
    const res = await fetch(`${baseUrl}/api/locale`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ locale: "ru" }),
    });
    expect(res.status).toBe(403);
    expect((await readError(res)).code).toBe("origin_mismatch");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("runs a call under the CSP: media flows, the captions socket and worklet are allowed, guests are marked", async () => {
    const h = await newPage();
    await devSignIn(h.page, baseUrl, host);
    const space = await h.page.request.post(`${baseUrl}/api/spaces`, { data: { name: `Sec ${run}` } });
    const spaceId = (await readReply(space, spacesApi.create)).space.id;
    const created = await h.page.request.post(`${baseUrl}/api/spaces/${spaceId}/sessions`, {
      data: { title: `Secure ${run}`, allowGuests: true },
    });
    expect(created.status()).toBe(201);
    const slug = (await readReply(created, sessionsApi.create)).session.slug as string;

    await h.page.goto(`${baseUrl}/s/${slug}`);
    await h.page.getByRole("button", { name: "Join", exact: true }).click();
    await h.page.getByRole("toolbar", { name: "Call controls" }).waitFor();

    // An anonymous guest takes the host's name: the badge still tells them apart.
    const g = await newPage();
    await g.page.goto(`${baseUrl}/s/${slug}`);
    await g.page.getByLabel("Your name").fill(host.name);
    await g.page.getByRole("button", { name: "Join", exact: true }).click();
    await g.page.getByRole("toolbar", { name: "Call controls" }).waitFor();

    const remoteFrames = (page: Page) =>
      page.evaluate(
        () =>
          Array.from(
            document.querySelectorAll<HTMLVideoElement>(
              '.lk-participant-tile[data-lk-local-participant="false"] video',
            ),
          ).filter((v) => v.videoWidth > 0).length,
      );
    await expect.poll(() => remoteFrames(h.page), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => remoteFrames(g.page), { timeout: 20_000 }).toBe(1);

    await h.page.getByRole("button", { name: "Participants" }).click();
    const people = h.page.getByRole("list", { name: "Participants" });
    await expect.poll(() => people.getByRole("listitem").count(), { timeout: 10_000 }).toBe(2);
    const rows = await people.getByRole("listitem").allInnerTexts();
    expect(rows.find((r) => r.includes("(you)"))).toMatch(/Host/);
    expect(rows.find((r) => !r.includes("(you)"))).toMatch(/Hana Host[\s\S]*Guest/);
    const guestRow = people.getByRole("listitem").filter({ hasNotText: "(you)" });
    expect(await guestRow.locator("[data-badge]").getAttribute("data-badge")).toBe("GUEST");
    expect(await people.locator('[data-badge="HOST"]').count()).toBe(1);

    // What the captions feature will do on this page: its worklet module and its socket.
    const captionsUrl = /connect-src ([^;]*)/
      .exec((await h.page.request.get(`${baseUrl}/s/${slug}`)).headers()["content-security-policy"]!)![1]!
      .split(" ")
      .find((s) => s.startsWith("ws") && !s.includes(":27880"));
    expect(captionsUrl).toBeTruthy();
    await h.page.evaluate(async (url) => {
      const ctx = new AudioContext();
      await ctx.audioWorklet.addModule("/worklets/pcm16-capture.js");
      await ctx.close();
      const ws = new WebSocket(url);
      await new Promise((r) => {
        ws.onclose = r;
        ws.onerror = r;
        ws.onopen = r;
      });
    }, captionsUrl!);

    for (const p of [h, g]) {
      expect(await p.csp()).toEqual([]);
      expect(p.console).toEqual([]);
    }

    // The listener does see violations: a socket to a host the policy does not list.
    await h.page.evaluate(() => {
      try {
        new WebSocket("ws://blocked.invalid:1/");
      } catch {
        // Chromium throws on a CSP-blocked socket and also reports the violation.
      }
    });
    await expect.poll(() => h.csp()).toEqual([expect.stringMatching(/^connect-src ws:\/\/blocked\.invalid/)]);
  });
});
