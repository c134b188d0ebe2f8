import { monitoringConfig } from "@/lib/env/monitoring";
import { webEnv } from "@/lib/env/web";
import { gitSha } from "./git-sha";
import type { MonitoringConfig } from "./options";

// A pure memo of env parsing (and of one `git rev-parse`), not wiring: it holds no connection.
let cached: MonitoringConfig | null | undefined;

/** The web process's Sentry settings, or null when monitoring is off. */
export function serverMonitoring(): MonitoringConfig | null {
  if (cached === undefined) {
    const env = webEnv();
    cached = monitoringConfig(env, env.SENTRY_DSN && !env.SENTRY_RELEASE ? gitSha() : null);
  }
  return cached;
}

/**
 * Report an error no handler expected (a 500). Inert without SENTRY_DSN: the SDK is not even
 * loaded. The SDK keeps its client on a global, so this reaches the one `register()` set up.
 */
export function reportError(err: unknown): void {
  // Reporting must never turn a 500 into a throw; a bad env fails loudly where it is used.
  let on: boolean;
  try {
    on = serverMonitoring() !== null;
  } catch {
    return;
  }
  if (!on) return;
  void import("@sentry/nextjs").then(
    (Sentry) => Sentry.captureException(err),
    () => {},
  );
}
