import type { Instrumentation } from "next";

// Set once register() has started Sentry; without SENTRY_DSN the SDK is never loaded.
let monitoring = false;

/** Next.js calls this once per server process; background jobs start only in the Node runtime. */
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- Next's documented runtime switch, not config.
  const runtime = process.env.NEXT_RUNTIME;
  if (runtime === "edge") {
    await startEdgeMonitoring();
    return;
  }
  if (runtime !== "nodejs") return;
  const [{ startBackgroundJobs }, { deps }, { installPeerAddressHook }, { serverMonitoring }] =
    await Promise.all([
      import("./server/background-jobs"),
      import("./server/deps"),
      import("./server/http/client-address"),
      import("./lib/monitoring/server"),
    ]);
  const config = serverMonitoring();
  if (config) {
    const [Sentry, { sharedInitOptions }] = await Promise.all([
      import("@sentry/nextjs"),
      import("./lib/monitoring/options"),
    ]);
    Sentry.init(sharedInitOptions(config));
    monitoring = true;
  }
  // Before any request: rate limits key on the socket address this stamps on each request.
  installPeerAddressHook();
  // The composition root is built before any request. Without an offline queue, requests that
  // arrive before Redis is connected would be counted only by the per-instance fallback limiter.
  startBackgroundJobs(deps());
}

async function startEdgeMonitoring() {
  const [{ loadMonitoringEnv, monitoringConfig }, { sharedInitOptions }] = await Promise.all([
    import("./lib/env/monitoring"),
    import("./lib/monitoring/options"),
  ]);
  const config = monitoringConfig(loadMonitoringEnv());
  if (!config) return;
  const Sentry = await import("@sentry/nextjs");
  Sentry.init(sharedInitOptions(config));
  monitoring = true;
}

/** Errors of server components, route handlers and proxy that escape them reach Sentry. */
export const onRequestError: Instrumentation.onRequestError = async (...args) => {
  if (!monitoring) return;
  const { captureRequestError } = await import("@sentry/nextjs");
  captureRequestError(...args);
};
