/** Next.js calls this once per server process; background jobs start only in the Node runtime. */
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- Next's documented runtime switch, not config.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ startBackgroundJobs }, { limiters }, { installPeerAddressHook }] = await Promise.all([
    import("./lib/background-jobs"),
    import("./lib/web-rate-limit"),
    import("./lib/http/client-address"),
  ]);
  // Before any request: rate limits key on the socket address this stamps on each request.
  installPeerAddressHook();
  // Without an offline queue, requests that arrive before Redis is connected would be counted
  // only by the per-instance fallback limiter.
  limiters();
  startBackgroundJobs();
}
