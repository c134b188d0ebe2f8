import { sql } from "drizzle-orm";
import { NextResponse } from "next/server";
import type { WebEnv } from "@/lib/env/web";
import type { WebDeps } from "@/server/deps";
import { route } from "./route";

const PROBE_TIMEOUT_MS = 2000;

type Dependency = "database" | "redis" | "media";
type Check = { name: Dependency; required: boolean; probe: (signal: AbortSignal) => Promise<unknown> };
export type DependencyStatus = { status: "up" | "down"; required: boolean; latencyMs: number };

function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const signal = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  return Promise.race([
    work(signal),
    new Promise<never>((_, reject) => {
      signal.addEventListener("abort", () => reject(new Error("timeout")), { once: true });
    }),
  ]);
}

/** The media server's HTTP side answers `GET /` (200 "OK" from livekit-server). */
function mediaHttpUrl(env: WebEnv): string | null {
  const url = env.LIVEKIT_API_URL ?? env.LIVEKIT_URL;
  return url ? url.replace(/^ws(s?):\/\//, "http$1://") : null;
}

/**
 * Only the database is required: without Redis the rate limits fall back to per-instance memory,
 * and without a media server everything but calls still works, so those report `degraded` (200)
 * while a database that is down makes this instance unhealthy (503).
 */
function checks({ env, db, redis }: WebDeps): Check[] {
  const list: Check[] = [{ name: "database", required: true, probe: () => db.execute(sql`select 1`) }];
  if (redis) list.push({ name: "redis", required: false, probe: () => redis.ping() });
  const media = mediaHttpUrl(env);
  if (media) {
    list.push({
      name: "media",
      required: false,
      probe: async (signal) => {
        const res = await fetch(media, { signal, cache: "no-store" });
        if (res.status >= 500) throw new Error(`media server answered ${res.status}`);
      },
    });
  }
  return list;
}

/** Not rate limited and not authenticated: load balancers and the supervisor call it. */
export const healthEndpoint = route({ auth: false, user: "none" }, async ({ deps }) => {
  const results = await Promise.all(
    checks(deps).map(async (c): Promise<[Dependency, DependencyStatus]> => {
      const started = performance.now();
      const up = await withTimeout(c.probe).then(
        () => true,
        () => false,
      );
      const latencyMs = Math.round(performance.now() - started);
      return [c.name, { status: up ? "up" : "down", required: c.required, latencyMs }];
    }),
  );
  const dependencies = Object.fromEntries(results) as Partial<Record<Dependency, DependencyStatus>>;
  const requiredDown = results.some(([, d]) => d.required && d.status === "down");
  const anyDown = results.some(([, d]) => d.status === "down");
  const body = {
    status: requiredDown ? "down" : anyDown ? "degraded" : "ok",
    // Kept at the top level for existing probes.
    database: dependencies.database!.status,
    dependencies,
  };
  return NextResponse.json(body, {
    status: requiredDown ? 503 : 200,
    headers: { "cache-control": "no-store" },
  });
});
