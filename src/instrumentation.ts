/** Next.js calls this once per server process; background jobs start only in the Node runtime. */
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- Next's documented runtime switch, not config.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundJobs } = await import("./lib/background-jobs");
  startBackgroundJobs();
}
