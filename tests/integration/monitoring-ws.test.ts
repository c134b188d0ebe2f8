import { createServer, type Server } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import pkg from "../../package.json";
import { startSentryStandin, type SentryStandin } from "../support/sentry-standin";
import { spawnWsServer } from "../support/ws-process";

/**
 * The real ws process with `@sentry/node`: a start-up failure (its port is taken) reaches a local
 * Sentry ingest tagged with release and environment, and nothing reaches it without SENTRY_DSN.
 */
describe("ws process monitoring", () => {
  let standin: SentryStandin;
  let blocker: Server;
  let takenPort: number;
  const secret = "ws-monitoring-secret-0123456789abcdef0123";
  const logFile = (tag: string) => path.join(os.tmpdir(), `rooms-ws-monitoring-${tag}-${process.pid}.log`);

  beforeAll(async () => {
    standin = await startSentryStandin();
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    takenPort = (blocker.address() as { port: number }).port;
  });
  afterEach(() => {
    standin.envelopes.length = 0;
    standin.requests.length = 0;
  });
  afterAll(async () => {
    blocker?.close();
    await standin?.stop();
  });

  const failToStart = (tag: string, env: Record<string, string>) =>
    spawnWsServer({
      databaseUrl: process.env.DATABASE_URL!,
      secret,
      logFile: logFile(tag),
      env: { WS_PORT: String(takenPort), STT_PROVIDER: "none", ...env },
    });

  it("reports a failed start with the configured release and environment", async () => {
    await expect(
      failToStart("tagged", {
        SENTRY_DSN: standin.dsn,
        SENTRY_RELEASE: "rooms@monitoring-test",
        SENTRY_ENVIRONMENT: "integration",
      }),
    ).rejects.toThrow(/exited with 1/);
    const [event] = standin.events();
    expect(event).toMatchObject({ release: "rooms@monitoring-test", environment: "integration" });
    const exception = (event!.exception as { values: { value: string }[] }).values[0]!;
    expect(exception.value).toMatch(/EADDRINUSE/);
    expect(standin.envelopes[0]!.projectId).toBe(new URL(standin.dsn).pathname.slice(1));
  });

  it("defaults the release to the package version and git commit, the environment to NODE_ENV", async () => {
    await expect(failToStart("defaults", { SENTRY_DSN: standin.dsn })).rejects.toThrow(/exited with 1/);
    const [event] = standin.events();
    expect(event!.environment).toBe("test");
    expect(event!.release).toMatch(new RegExp(`^rooms@${pkg.version.replace(/\./g, "\\.")}\\+[0-9a-f]{12}$`));
  });

  it("sends nothing without SENTRY_DSN", async () => {
    await expect(failToStart("off", {})).rejects.toThrow(/exited with 1/);
    expect(standin.requests).toEqual([]);
  });
});
