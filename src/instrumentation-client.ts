import {
  BROWSER_CONFIG_ATTRIBUTE,
  TUNNEL_PATH,
  parseBrowserConfig,
  sharedInitOptions,
} from "@/lib/monitoring/options";

/**
 * Runs before hydration. The server renders its Sentry settings on <html> (a build serves any
 * deployment); without them the SDK is not even downloaded. Envelopes go through our own tunnel
 * route, so the CSP keeps `connect-src 'self'` and ad blockers do not drop them.
 */
const config = parseBrowserConfig(
  document.documentElement.getAttribute(BROWSER_CONFIG_ATTRIBUTE) ?? undefined,
);
if (config) {
  void import("@sentry/nextjs").then((Sentry) => {
    Sentry.init({ ...sharedInitOptions(config), tunnel: TUNNEL_PATH });
  });
}
