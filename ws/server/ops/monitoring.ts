import { monitoringConfig } from "@/lib/env/monitoring";
import { gitSha } from "@/lib/monitoring/git-sha";
import { sharedInitOptions } from "@/lib/monitoring/options";
import type { WsEnv } from "../env";

/** `onError` is absent when monitoring is off, so the logger installs no hook. */
type Reporter = { capture(err: unknown): void; onError?: (err: Error) => void; flush(): Promise<void> };

const OFF: Reporter = { capture: () => {}, flush: async () => {} };
const FLUSH_TIMEOUT_MS = 2_000;

/**
 * `@sentry/node` for the ws process, with the scrubbing every runtime shares. Without SENTRY_DSN
 * the SDK is not loaded. Once on, its default integrations report uncaught exceptions and
 * unhandled rejections; `capture` is for failures main() handles itself.
 */
export async function startMonitoring(env: WsEnv): Promise<Reporter> {
  const config = monitoringConfig(env, env.SENTRY_DSN && !env.SENTRY_RELEASE ? gitSha() : null);
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
