import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import pg from "pg";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser";
import { startAppServer, type AppServer } from "../support/next-server";
import { startSentryStandin, type SentryStandin } from "../support/sentry-standin";
import { readError } from "../support/contract";

/**
 * Sentry on a production build of its own, pointed at a local ingest that speaks the envelope
 * protocol. A route that really fails (its table is gone) and an error thrown in the browser
 * arrive tagged and scrubbed; a server without SENTRY_DSN sends nothing.
 */
const RELEASE = "rooms@e2e-monitoring";
const ENVIRONMENT = "e2e";
const PERSON = { name: "Quentin Zebulon", email: "quentin.zebulon@example.test" };
const SPACE_NAME = "Zebulon's secret merger room";
const CAPTION_LINE = "the merger with Globex closes on Monday";

async function signedInCookie(server: AppServer) {
  const id = randomUUID();
  // One person, a row per call (the email is unique); every variant contains "quentin.zebulon".
  const email = `quentin.zebulon+${id}@example.test`;
  const client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  try {
    await client.query("insert into users (id, name, email) values ($1, $2, $3)", [id, PERSON.name, email]);
  } finally {
    await client.end();
  }
  const token = await encode({
    token: { uid: id, sub: id, name: PERSON.name, email },
    secret: server.secret,
  });
  return `next-auth.session-token=${token}`;
}

async function sql(databaseUrl: string, text: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Throws in the page (after printing a caption line) until an event arrives, since the SDK loads lazily. */
async function throwInBrowser(page: Page, standin: SentryStandin | null, marker: string) {
  // Each throw differs (its try): the SDK's dedupe integration drops an error equal to the last one
  // it captured, so once the first capture's envelope was lost (the tunnel slow under load) an
  // identical retry would never be sent.
  let tries = 0;
  const throwOnce = () =>
    page.evaluate(
      ([m, line, k]) => {
        console.log(`caption: ${line}`);
        setTimeout(() => {
          throw new Error(`boom ${m} quentin.zebulon@example.test (try ${k})`);
        });
      },
      [marker, CAPTION_LINE, ++tries] as const,
    );
  if (!standin) {
    await throwOnce();
    return;
  }
  await expect
    .poll(
      async () => {
        await throwOnce();
        return standin.events().some((e) => JSON.stringify(e.exception).includes(marker));
      },
      { timeout: 20_000, interval: 1_000 },
    )
    .toBe(true);
}

function expectScrubbed(raw: string) {
  for (const secret of [
    PERSON.email,
    "quentin.zebulon",
    PERSON.name,
    "Zebulon",
    "merger",
    "Globex",
    "session-token",
  ]) {
    expect(raw, secret).not.toContain(secret);
  }
}

describe("Sentry monitoring with SENTRY_DSN", () => {
  let standin: SentryStandin;
  let server: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    standin = await startSentryStandin();
    server = await startAppServer({
      admin: process.env.TEST_DATABASE_URL!,
      dbPrefix: "rooms_sentry",
      env: { SENTRY_DSN: standin.dsn, SENTRY_RELEASE: RELEASE, SENTRY_ENVIRONMENT: ENVIRONMENT },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await standin?.stop();
  });

  it("reports a route that fails, tagged and without the person's data", async () => {
    const cookie = await signedInCookie(server);
    // A real failure, not a test hook: the table the route writes to is gone.
    await sql(server.databaseUrl, "drop table spaces cascade");
    const res = await fetch(`${server.baseUrl}/api/spaces?owner=${encodeURIComponent(PERSON.email)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookie, Authorization: "Bearer zebulon-token" },
      body: JSON.stringify({ name: SPACE_NAME }),
    });
    expect(res.status).toBe(500);
    await expect
      .poll(
        () =>
          standin.events().filter((e) => JSON.stringify(e.exception ?? "").includes("Failed query")).length,
        {
          timeout: 15_000,
        },
      )
      .toBeGreaterThan(0);
    const envelope = standin.envelopes.find((e) => e.raw.includes("Failed query"))!;
    const event = envelope.items.find((i) => i.header.type === "event")!.payload as Record<string, unknown>;
    expect(event).toMatchObject({ release: RELEASE, environment: ENVIRONMENT, platform: "node" });
    expect(envelope.projectId).toBe(new URL(standin.dsn).pathname.slice(1));
    // The failed query's parameters were there (the space's name) and were cut out.
    expect(JSON.stringify(event.exception)).toContain("params: [redacted]");
    expectScrubbed(envelope.raw);
    expect(envelope.raw).not.toContain("zebulon-token");
  });

  it("reports a page that fails to render (onRequestError), without the cookie", async () => {
    const cookie = await signedInCookie(server);
    // The root layout looks the signed-in user up; with the table gone the render throws.
    await sql(server.databaseUrl, "drop table users cascade");
    const res = await fetch(`${server.baseUrl}/?email=${encodeURIComponent(PERSON.email)}`, {
      headers: { Cookie: cookie },
    });
    expect(res.status).toBe(500);
    const fromRender = () =>
      standin.envelopes.find((e) =>
        e.items.some(
          (i) =>
            i.header.type === "event" &&
            JSON.stringify((i.payload as { exception?: unknown }).exception ?? "").includes(
              "on_request_error",
            ),
        ),
      );
    await expect.poll(() => fromRender() !== undefined, { timeout: 15_000 }).toBe(true);
    const envelope = fromRender()!;
    const event = envelope.items.find((i) => i.header.type === "event")!.payload as Record<string, unknown>;
    expect(event).toMatchObject({ release: RELEASE, environment: ENVIRONMENT });
    expectScrubbed(envelope.raw);
  });

  it("reports an error thrown in the browser, through the same-origin tunnel, scrubbed", async () => {
    const page = await browser.newPage();
    const tunnelled: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") tunnelled.push(new URL(r.url()).origin + new URL(r.url()).pathname);
    });
    await page.goto(`${server.baseUrl}/signin?email=${encodeURIComponent(PERSON.email)}`);
    expect(await page.locator("html").getAttribute("data-monitoring")).toContain(RELEASE);
    const marker = randomUUID();
    await throwInBrowser(page, standin, marker);
    const envelope = standin.envelopes.find((e) => e.raw.includes(marker))!;
    const event = envelope.items.find((i) => i.header.type === "event")!.payload as Record<string, unknown>;
    expect(event).toMatchObject({ release: RELEASE, environment: ENVIRONMENT, platform: "javascript" });
    expect(JSON.stringify(event.exception)).toContain(`boom ${marker} [email]`);
    // The caption line printed before the error was recorded as a breadcrumb, then blanked.
    const crumbs = event.breadcrumbs as { category?: string; message?: string }[];
    expect(crumbs.some((b) => b.category === "console" && b.message === "[redacted]")).toBe(true);
    expectScrubbed(envelope.raw);
    // The browser only ever talked to the app; the server forwarded to Sentry.
    expect(tunnelled.every((u) => u.startsWith(server.baseUrl))).toBe(true);
    expect(tunnelled).toContain(`${server.baseUrl}/api/monitoring/tunnel`);
    await page.close();
  });

  it("refuses to relay an envelope meant for another project", async () => {
    const marker = randomUUID();
    const other = standin.dsn.replace(/\/\d+$/, "/1");
    const res = await fetch(`${server.baseUrl}/api/monitoring/tunnel`, {
      method: "POST",
      body: `${JSON.stringify({ dsn: other })}\n{"type":"event"}\n${JSON.stringify({ message: marker })}\n`,
    });
    expect(res.status).toBe(403);
    expect((await readError(res)).code).toBe("envelope_dsn_mismatch");
    // The same envelope for the configured project does go through: the refusal is the DSN's.
    const ok = await fetch(`${server.baseUrl}/api/monitoring/tunnel`, {
      method: "POST",
      body: `${JSON.stringify({ dsn: standin.dsn })}\n{"type":"event"}\n${JSON.stringify({ message: `ok-${marker}` })}\n`,
    });
    expect(ok.status).toBe(200);
    const raws = standin.envelopes.map((e) => e.raw).join("\n");
    expect(raws).toContain(`ok-${marker}`);
    expect(raws.replaceAll(`ok-${marker}`, "")).not.toContain(marker);
  });
});

describe("Sentry monitoring without SENTRY_DSN", () => {
  let standin: SentryStandin;
  let server: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    standin = await startSentryStandin();
    server = await startAppServer({
      admin: process.env.TEST_DATABASE_URL!,
      dbPrefix: "rooms_nosentry",
      env: { SENTRY_DSN: "" },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await standin?.stop();
  });

  it("loads no SDK, has no tunnel and sends nothing", async () => {
    const cookie = await signedInCookie(server);
    await sql(server.databaseUrl, "drop table spaces cascade");
    const res = await fetch(`${server.baseUrl}/api/spaces`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookie },
      body: JSON.stringify({ name: SPACE_NAME }),
    });
    expect(res.status).toBe(500);

    const page = await browser.newPage();
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    await page.goto(`${server.baseUrl}/signin`);
    expect(await page.locator("html").getAttribute("data-monitoring")).toBeNull();
    await throwInBrowser(page, null, randomUUID());
    await page.waitForTimeout(3_000);
    await page.close();

    const tunnel = await fetch(`${server.baseUrl}/api/monitoring/tunnel`, {
      method: "POST",
      body: `${JSON.stringify({ dsn: standin.dsn })}\n{"type":"event"}\n{}\n`,
    });
    expect(tunnel.status).toBe(404);
    expect(posts).toEqual([]);
    expect(standin.requests).toEqual([]);
  });
});
