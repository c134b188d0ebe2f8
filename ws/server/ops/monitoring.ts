import { sharedInitOptions, type MonitoringConfig } from "@/lib/monitoring/options";

/** `onError` is absent when monitoring is off, so the logger installs no hook. */
type Reporter = { capture(err: unknown): void; onError?: (err: Error) => void; flush(): Promise<void> };

const OFF: Reporter = { capture: () => {}, flush: async () => {} };
const FLUSH_TIMEOUT_MS = 2_000;

/**
 * `@sentry/node` for the ws process, with the scrubbing every runtime shares. Without a config
 * (no SENTRY_DSN) the SDK is not loaded. Once on, its default integrations report uncaught exceptions and
 * unhandled rejections; `capture` is for failures main() handles itself.
 */
export async function startMonitoring(config: MonitoringConfig | null): Promise<Reporter> {
  if (!config) return OFF;
  const Sentry = await import("@sentry/node");
  Sentry.init({ ...sharedInitOptions(config), serverName: "rooms-ws" });
  const capture = (err: unknown) => void Sentry.captureException(err);
  return {
    capture,
    onError: capture,
    flush: async () => {
      await Sentry.flush(FLUSH_TIMEOUT_MS);
    },
  };
}
