import type Redis from "ioredis";
import type { AuthOptions } from "next-auth";
import type { Logger } from "pino";
import { createDb, type Db } from "@/lib/db/client";
import { webEnv, type WebEnv } from "@/lib/env/web";
import { connectRedis, createRateLimiters, type RateLimiters } from "@/lib/rate-limit";
import type { AnalysisQueue } from "@/modules/core/analysis/application/analysis-queue";
import type { Analyzer } from "@/modules/core/analysis/application/analyzer";
import { analysisQueueFromEnv } from "@/modules/core/analysis/infra/analysis-queue-from-env";
import { analyzerFromEnv } from "@/modules/core/analysis/infra/analyzer-from-env";
import type { AvatarStorage } from "@/modules/core/identity/application/avatar-storage";
import { buildAuthOptions } from "@/modules/core/identity/infra/auth-options";
import { avatarStorageFromEnv } from "@/modules/core/identity/infra/avatar-storage-from-env";
import type { RecorderPort } from "@/modules/core/recording/application/recorder-port";
import type { RecordingStorage } from "@/modules/core/recording/application/recording-storage";
import type { EgressOutput } from "@/modules/core/recording/domain/egress-output";
import {
  egressOutputFromEnv,
  recorderFromEnv,
  recordingStorageFromEnv,
} from "@/modules/core/recording/infra/recorder-from-env";
import type { MediaServer } from "@/modules/core/sessions/application/media-server";
import { mediaServerFromEnv } from "@/modules/core/sessions/infra/media-server-from-env";
import { compileTrust, type TrustFn } from "./http/client-address";
import { log } from "./logger";
import { singleton } from "./singleton";

/** Everything the web process wires from its configuration, built once. */
export type WebDeps = {
  env: WebEnv;
  log: Logger;
  db: Db;
  /** Null when no media server is configured (calls are unavailable, the rest works). */
  media: MediaServer | null;
  /** Null without a media server: both recorders record a LiveKit room. */
  recorder: RecorderPort | null;
  recordings: RecordingStorage;
  egressOutput: EgressOutput;
  avatars: AvatarStorage;
  analysisQueue: AnalysisQueue;
  analyzer: Analyzer;
  limiters: RateLimiters;
  /** The Redis connection the limits use; undefined without REDIS_URL. */
  redis: Redis | undefined;
  /** Which hops may speak for the client in X-Forwarded-For (TRUSTED_PROXIES / TRUSTED_PROXY_HOPS). */
  trustProxy: TrustFn;
  auth: AuthOptions;
};

/**
 * The web process's composition root: the one place that turns configuration into adapters.
 * Route handlers get it as `ctx.deps` (src/server/http/route.ts); pages and background jobs call
 * `deps()`; use-cases receive the ports they need as arguments and never build them.
 * Read lazily, so `next build` can import route modules without a runtime environment.
 */
export function deps(): WebDeps {
  return singleton("web-deps", () => buildWebDeps(webEnv(), log()));
}

export function buildWebDeps(env: WebEnv, logger: Logger): WebDeps {
  const { db } = createDb(env.DATABASE_URL, {
    max: env.DATABASE_POOL_MAX,
    connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
  });
  const redis = env.REDIS_URL ? connectRedis(env.REDIS_URL) : undefined;
  return {
    env,
    log: logger,
    db,
    media: mediaServerFromEnv(env),
    recorder: recorderFromEnv(env, db),
    recordings: recordingStorageFromEnv(env),
    egressOutput: egressOutputFromEnv(env),
    avatars: avatarStorageFromEnv(env),
    // The web process only sends jobs; workers run apart (background jobs or the worker script).
    analysisQueue: analysisQueueFromEnv(env, logger),
    analyzer: analyzerFromEnv(env, (err) =>
      logger.warn({ err }, "the LLM analysis failed; the offline analyzer answered"),
    ),
    limiters: createRateLimiters({ redis }),
    redis,
    trustProxy: compileTrust({ proxies: env.TRUSTED_PROXIES, hops: env.TRUSTED_PROXY_HOPS }),
    auth: buildAuthOptions(env, db),
  };
}
