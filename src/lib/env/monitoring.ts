import { z } from "zod";
import pkg from "../../../package.json";
import type { MonitoringConfig } from "@/lib/monitoring/options";
import { parseEnv, type EnvSource } from "./parse";

/**
 * Sentry settings, the same in the web, edge and ws processes. Without SENTRY_DSN monitoring is
 * off: nothing is initialised, loaded or sent.
 */
export const monitoringFields = {
  SENTRY_DSN: z
    .url()
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol) && new URL(v).username !== "", {
      message: "must be a Sentry DSN such as https://PUBLIC_KEY@o0.ingest.sentry.io/PROJECT_ID",
    })
    .optional(),
  SENTRY_ENVIRONMENT: z.string().max(64).optional(),
  // Default: rooms@<package version>+<git sha when the checkout has one>.
  SENTRY_RELEASE: z.string().max(200).optional(),
};

type MonitoringEnv = {
  NODE_ENV: string;
  SENTRY_DSN?: string;
  SENTRY_ENVIRONMENT?: string;
  SENTRY_RELEASE?: string;
};

/** `gitSha`: asked by the caller where git can run (not on the edge). */
export function monitoringConfig(env: MonitoringEnv, gitSha?: string | null): MonitoringConfig | null {
  if (!env.SENTRY_DSN) return null;
  return {
    dsn: env.SENTRY_DSN,
    environment: env.SENTRY_ENVIRONMENT ?? env.NODE_ENV,
    release: env.SENTRY_RELEASE ?? `rooms@${pkg.version}${gitSha ? `+${gitSha.slice(0, 12)}` : ""}`,
  };
}

const edgeSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  ...monitoringFields,
});

/** For runtimes that do not load the whole web env (the edge). */
export function loadMonitoringEnv(source: EnvSource = process.env): MonitoringEnv {
  return parseEnv("monitoring", edgeSchema, source);
}
