import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as tunnel } from "@/app/api/monitoring/tunnel/route";
import { route } from "@/server/http/route";
import { sharedInitOptions } from "@/lib/monitoring/options";
import { serverMonitoring } from "@/lib/monitoring/server";
import { call, errorCode, makeUser } from "../support/api";
import { startSentryStandin, type SentryStandin } from "../support/sentry-standin";

const envelope = (dsn: string, payload: object) =>
  `${JSON.stringify({ dsn })}\n${JSON.stringify({ type: "event" })}\n${JSON.stringify(payload)}\n`;

/**
 * The web side in-process with SENTRY_DSN at a local ingest: the tunnel route's answers to good
 * and bad envelopes, and an unexpected route error reported through the HTTP mapper, scrubbed.
 */
describe("monitoring in the web process", () => {
  let standin: SentryStandin;

  beforeAll(async () => {
    standin = await startSentryStandin();
    // Before the first webEnv() read of this file's module graph.
    process.env.SENTRY_DSN = standin.dsn;
    process.env.SENTRY_RELEASE = "rooms@integration";
    const Sentry = await import("@sentry/nextjs");
    Sentry.init(sharedInitOptions(serverMonitoring()!));
  });
  afterAll(async () => {
    const Sentry = await import("@sentry/nextjs");
    await Sentry.close(2_000);
    delete process.env.SENTRY_DSN;
    delete process.env.SENTRY_RELEASE;
    await standin?.stop();
  });

  it("tunnels an envelope for the configured project", async () => {
    const res = await call(tunnel, { body: envelope(standin.dsn, { message: "via tunnel" }) });
    expect(res.status).toBe(200);
    expect(standin.events().some((e) => e.message === "via tunnel")).toBe(true);
  });

  it.each([
    [
      "another project's DSN",
      () => envelope(standin.dsn.replace(/\/\d+$/, "/7"), {}),
      403,
      "envelope_dsn_mismatch",
    ],
    ["a body that is no envelope", () => "<html>", 400, "invalid_envelope"],
    ["a header without a DSN", () => `{"sent_at":"x"}\n{}\n{}`, 400, "invalid_envelope"],
    [
      "more than 1 MB",
      () => envelope(standin.dsn, { pad: "x".repeat(1024 * 1024) }),
      413,
      "payload_too_large",
    ],
  ])("refuses %s", async (_, body, status, code) => {
    const before = standin.requests.length;
    const res = await call(tunnel, { body: body() });
    expect(res.status).toBe(status);
    expect(errorCode(res)).toBe(code);
    expect(standin.requests.length).toBe(before);
  });

  it("refuses a cross-site post", async () => {
    const res = await call(tunnel, {
      body: envelope(standin.dsn, {}),
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe("origin_mismatch");
  });

  it("reports a route's unexpected error, scrubbed, with the release", async () => {
    const user = await makeUser("Ingrid Integration", "ingrid.integration@example.test");
    const failing = route({}, async () => {
      throw new Error(`could not save "Ingrid's notes" for ingrid.integration@example.test`);
    });
    const res = await call(failing, { user, json: { transcript: "the merger closes Monday" } });
    expect(res.status).toBe(500);
    await expect
      .poll(() => standin.envelopes.find((e) => e.raw.includes("could not save")), { timeout: 10_000 })
      .toBeDefined();
    const env = standin.envelopes.find((e) => e.raw.includes("could not save"))!;
    const event = env.items.find((i) => i.header.type === "event")!.payload as Record<string, unknown>;
    expect(event.release).toBe("rooms@integration");
    expect(JSON.stringify(event.exception)).toContain('could not save \\"…\\" for [email]');
    for (const secret of ["Ingrid", "ingrid.integration", "merger", "session-token"]) {
      expect(env.raw, secret).not.toContain(secret);
    }
  });
});
