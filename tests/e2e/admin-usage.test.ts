import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { transcriptionUsage } from "@/lib/db/schema/transcription";
import { devSignIn, launchChromium } from "../support/browser";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { readReply } from "../support/contract";

const baseUrl = inject("baseUrl");
const serverLog = inject("serverLog");
const run = randomBytes(3).toString("hex");
// The one ADMIN_EMAILS entry e2e-setup.ts gives the server.
const admin = { name: "Ada Admin", email: "e2e-admin@example.test" };
const owner = { name: "Olga Owner", email: `olga-${run}@example.test` };
const sessionTitle = `Budget, "review" ${run}`;
const provider = `e2e${run}`;

let browser: Browser;
const contexts: BrowserContext[] = [];

async function signedInPage(user: { name: string; email: string }): Promise<Page> {
  const context = await browser.newContext({
    locale: "en-US",
    acceptDownloads: true,
    extraHTTPHeaders: { "x-forwarded-for": `10.79.${randomInt(256)}.${randomInt(1, 255)}` },
  });
  contexts.push(context);
  const page = await context.newPage();
  await devSignIn(page, baseUrl, user);
  return page;
}

async function logDuring(action: () => Promise<void>): Promise<string> {
  const from = statSync(serverLog).size;
  await action();
  await new Promise((r) => setTimeout(r, 300));
  return readFileSync(serverLog).subarray(from).toString("utf8");
}

describe("the admin usage page", () => {
  let adminPage: Page;
  let ownerPage: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    [adminPage, ownerPage] = await Promise.all([signedInPage(admin), signedInPage(owner)]);
    const api = ownerPage.context().request;
    const space = await api.post(`${baseUrl}/api/spaces`, { data: { name: `Usage ${run}` } });
    expect(space.status()).toBe(201);
    const spaceId = (await readReply(space, spacesApi.create)).space.id;
    const session = await api.post(`${baseUrl}/api/spaces/${spaceId}/sessions`, {
      data: { title: sessionTitle },
    });
    expect(session.status()).toBe(201);
    const sessionId = (await readReply(session, sessionsApi.create)).session.id as string;
    // Metered usage as the ws server would have written it, on three days.
    const { db, pool } = createDb(inject("databaseUrl"), 1);
    try {
      await db.insert(transcriptionUsage).values(
        [
          ["2026-01-05T10:00:00Z", 120, 90, 0.015],
          ["2026-01-05T11:00:00Z", 60, 60, 0.01],
          ["2026-01-06T09:00:00Z", 300, 240, 0.04],
          ["2026-01-08T09:00:00Z", 30, 12, 0.002],
        ].map(([at, audio, billed, cost]) => ({
          videoSessionId: sessionId,
          streamId: randomUUID(),
          provider,
          audioSeconds: String(audio),
          billedSeconds: String(billed),
          costUsd: String(cost),
          createdAt: new Date(at as string),
        })),
      );
    } finally {
      await pool.end();
    }
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  it("renders server-side for an admin in both languages, without a server error", async () => {
    for (const language of ["en-US", "ru-RU"]) {
      let status = 0;
      let html = "";
      const log = await logDuring(async () => {
        const res = await adminPage.context().request.get(`${baseUrl}/admin/usage?provider=${provider}`, {
          headers: { "accept-language": language },
        });
        status = res.status();
        html = await res.text();
      });
      expect(status, log).toBe(200);
      expect(html).toContain(language === "en-US" ? "Transcription usage" : "Расход на распознавание речи");
      // The table (with the escaped title), the totals and the five chart frames are in the
      // server's HTML; recharts draws the SVG once the browser has measured it (next test).
      expect(html).toContain("Budget, &quot;review&quot;");
      expect(html.match(/class="recharts-wrapper"/g)).toHaveLength(5);
      expect(log).not.toMatch(/⨯|Error|"level":[56]0/);
    }
  });

  it("shows the charts and the totals in the browser, and links it in the header", async () => {
    await adminPage.goto(`${baseUrl}/admin/usage?provider=${provider}`);
    const charts = adminPage.getByTestId("usage-charts");
    await expect.poll(() => charts.locator("svg.recharts-surface").count()).toBeGreaterThanOrEqual(5);
    // Four streams, 510 s received = 8.5 min, 402 s billed = 6.7 min, $0.067.
    const totals = await adminPage.locator("dl").innerText();
    expect(totals).toMatch(/Streams\s+4/);
    expect(totals).toMatch(/Minutes received\s+8\.5/);
    expect(totals).toMatch(/Minutes billed\s+6\.7/);
    expect(totals).toMatch(/\$0\.0670/);
    expect(await adminPage.locator("tbody tr").count()).toBe(4);
    await expect
      .poll(() =>
        adminPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Usage" }).count(),
      )
      .toBe(1);
  });

  it("downloads the filtered CSV, which parses back to the seeded rows", async () => {
    await adminPage.goto(`${baseUrl}/admin/usage?provider=${provider}&from=2026-01-05&to=2026-01-06`);
    const [download] = await Promise.all([
      adminPage.waitForEvent("download"),
      adminPage.getByTestId("usage-csv").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^transcription-usage-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const rows = parse(readFileSync(path), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.created_at, r.session, r.audio_seconds, r.billed_seconds, r.cost_usd])).toEqual(
      [
        ["2026-01-06T09:00:00.000Z", sessionTitle, "300", "240", "0.04"],
        ["2026-01-05T11:00:00.000Z", sessionTitle, "60", "60", "0.01"],
        ["2026-01-05T10:00:00.000Z", sessionTitle, "120", "90", "0.015"],
      ],
    );
  });

  it("is a 404 for anyone who is not an administrator, and has no header link for them", async () => {
    const res = await ownerPage.context().request.get(`${baseUrl}/admin/usage`);
    expect(res.status()).toBe(404);
    const anonymous = await fetch(`${baseUrl}/admin/usage`);
    expect(anonymous.status).toBe(404);
    await ownerPage.goto(`${baseUrl}/`);
    const nav = ownerPage.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link", { name: "Profile" }).count()).toBe(1);
    expect(await nav.getByRole("link", { name: "Usage", exact: true }).count()).toBe(0);
  });
});
