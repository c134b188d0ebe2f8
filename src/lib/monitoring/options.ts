import { scrubBreadcrumb, scrubErrorEvent } from "./scrub";

export type MonitoringConfig = { dsn: string; release: string; environment: string };

/**
 * The init options every runtime shares (browser, server, edge, ws): errors only (no
 * tracesSampleRate, so tracing stays off; no replay, no profiling), nothing personal sent by
 * default, and every event and breadcrumb scrubbed on the way out.
 */
export function sharedInitOptions(config: MonitoringConfig) {
  return {
    dsn: config.dsn,
    release: config.release,
    environment: config.environment,
    sendDefaultPii: false,
    maxBreadcrumbs: 50,
    beforeSend: scrubErrorEvent,
    beforeBreadcrumb: scrubBreadcrumb,
  } as const;
}

/** The browser's copy, rendered by the root layout as a data attribute (builds are made once). */
export const BROWSER_CONFIG_ATTRIBUTE = "data-monitoring";
/** Same-origin path the browser SDK posts envelopes to, so the CSP needs no third-party host. */
export const TUNNEL_PATH = "/api/monitoring/tunnel";

export function parseBrowserConfig(raw: string | undefined): MonitoringConfig | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<MonitoringConfig>;
    if (typeof v.dsn !== "string" || typeof v.release !== "string" || typeof v.environment !== "string") {
      return null;
    }
    return { dsn: v.dsn, release: v.release, environment: v.environment };
  } catch {
    return null;
  }
}
