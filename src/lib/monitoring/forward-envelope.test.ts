import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSentryStandin, type SentryStandin } from "../../../tests/support/sentry-standin";
import { envelopeDsn, forwardEnvelope } from "./forward-envelope";

const envelope = (dsn: unknown, event: object = { message: "hi" }) =>
  new TextEncoder().encode(
    `${JSON.stringify({ dsn, sent_at: new Date().toISOString() })}\n${JSON.stringify({ type: "event" })}\n${JSON.stringify(event)}\n`,
  );

describe("forwardEnvelope (the browser's tunnel)", () => {
  let standin: SentryStandin;
  const config = () => ({ dsn: standin.dsn, release: "r", environment: "test" });

  beforeAll(async () => {
    standin = await startSentryStandin();
  });
  afterAll(() => standin.stop());

  it("passes an envelope for the configured project on to it", async () => {
    const status = await forwardEnvelope(envelope(standin.dsn, { message: "tunnelled" }), config());
    expect(status).toBe(200);
    expect(standin.events().map((e) => e.message)).toContain("tunnelled");
  });

  it.each([
    ["another host", (dsn: string) => dsn.replace("127.0.0.1", "localhost")],
    ["another project", (dsn: string) => dsn.replace(/\/\d+$/, "/999")],
    ["another key", (dsn: string) => dsn.replace(/\/\/\w+@/, "//ffff@")],
  ])("refuses an envelope for %s (no open relay)", async (_, change) => {
    const before = standin.requests.length;
    await expect(forwardEnvelope(envelope(change(standin.dsn)), config())).rejects.toMatchObject({
      code: "envelope_dsn_mismatch",
    });
    expect(standin.requests.length).toBe(before);
  });

  it.each([
    ["not JSON", new TextEncoder().encode("hello\n{}")],
    ["no dsn", envelope(undefined)],
    ["a dsn that is no URL", envelope("not a url")],
    ["a dsn of another scheme", envelope("ftp://k@127.0.0.1/1")],
    ["an empty body", new Uint8Array()],
  ])("refuses %s with invalid_envelope", async (_, body) => {
    await expect(forwardEnvelope(body, config())).rejects.toMatchObject({ code: "invalid_envelope" });
  });

  it("is not there when monitoring is off", async () => {
    await expect(forwardEnvelope(envelope("http://k@h/1"), null)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("reports an unreachable Sentry as unavailable", async () => {
    const dead = await startSentryStandin();
    await dead.stop();
    await expect(
      forwardEnvelope(envelope(dead.dsn), { dsn: dead.dsn, release: "r", environment: "t" }),
    ).rejects.toMatchObject({ code: "monitoring_unavailable" });
  });

  it("reads the DSN from the header line only", () => {
    expect(envelopeDsn(envelope("http://k@h/1"))).toBe("http://k@h/1");
  });
});
