import { sql } from "drizzle-orm";
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";

const DB_TIMEOUT_MS = 2000;

/** Not rate limited and not authenticated: load balancers call it. Answers 503 when the DB is down. */
export async function healthEndpoint(): Promise<Response> {
  const started = performance.now();
  let database: "up" | "down" = "down";
  try {
    await Promise.race([
      getDb().execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), DB_TIMEOUT_MS)),
    ]);
    database = "up";
  } catch {
    database = "down";
  }
  const body = {
    status: database === "up" ? "ok" : "degraded",
    database,
    latencyMs: Math.round(performance.now() - started),
  };
  return NextResponse.json(body, {
    status: database === "up" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
