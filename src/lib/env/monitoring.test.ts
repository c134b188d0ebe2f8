import { describe, expect, it } from "vitest";
import pkg from "../../../package.json";
import { loadMonitoringEnv, monitoringConfig } from "./monitoring";

const DSN = "https://abc123@o1.ingest.sentry.io/42";

describe("monitoring env", () => {
  it("is off without SENTRY_DSN (an empty value counts as unset)", () => {
    expect(monitoringConfig(loadMonitoringEnv({}))).toBeNull();
    expect(monitoringConfig(loadMonitoringEnv({ SENTRY_DSN: "" }))).toBeNull();
  });

  it.each(["not a url", "https://o1.ingest.sentry.io/42", "ftp://k@host/1"])("refuses the DSN %s", (dsn) => {
    expect(() => loadMonitoringEnv({ SENTRY_DSN: dsn })).toThrow(/SENTRY_DSN/);
  });

  it("tags release and environment from the env when given", () => {
    const env = loadMonitoringEnv({
      SENTRY_DSN: DSN,
      SENTRY_RELEASE: "rooms@9",
      SENTRY_ENVIRONMENT: "staging",
      NODE_ENV: "production",
    });
    expect(monitoringConfig(env, "f".repeat(40))).toEqual({
      dsn: DSN,
      release: "rooms@9",
      environment: "staging",
    });
  });

  it("defaults to NODE_ENV and the package version with the short commit", () => {
    const env = loadMonitoringEnv({ SENTRY_DSN: DSN, NODE_ENV: "production" });
    expect(monitoringConfig(env, "0123456789abcdef0123456789abcdef01234567")).toEqual({
      dsn: DSN,
      release: `rooms@${pkg.version}+0123456789ab`,
      environment: "production",
    });
    expect(monitoringConfig(env, null)?.release).toBe(`rooms@${pkg.version}`);
  });
});
