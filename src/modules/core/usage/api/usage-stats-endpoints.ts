import { NextResponse } from "next/server";
import { parseJsonBody, parseQuery } from "@/server/http/body";
import { readGuestId } from "@/server/http/guest-cookie";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { exportUsageCsv } from "../application/export-usage-csv";
import { getUsageStats } from "../application/get-usage-stats";
import { saveClientMetrics } from "../application/save-client-metrics";
import { CLIENT_METRICS_BODY_LIMIT } from "../domain/client-metrics";
import { usageApi } from "./contract";

const noStore = { "cache-control": "no-store" };

/** GET /api/transcription/stats: metered usage the caller may see, filtered, with totals and a page. */
export const usageStatsEndpoint = route({}, async ({ req, user, deps }) => {
  const query = parseQuery(req, usageApi.usageStats.query);
  const stats = await getUsageStats(deps.db, { user, adminEmails: deps.env.ADMIN_EMAILS, query });
  return reply(usageApi.usageStats, stats, { headers: noStore });
});

/** GET /api/transcription/stats.csv: the same filtered streams (all pages) as a CSV download. */
export const usageCsvEndpoint = route({}, async ({ req, user, deps }) => {
  const filter = parseQuery(req, usageApi.usageCsv.query);
  const out = await exportUsageCsv(deps.db, { user, adminEmails: deps.env.ADMIN_EMAILS, filter });
  const day = new Date().toISOString().slice(0, 10);
  return new NextResponse(out.csv, {
    headers: {
      ...noStore,
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="transcription-usage-${day}.csv"`,
      "x-rows": String(out.rows),
      ...(out.truncated ? { "x-truncated": "true" } : {}),
    },
  });
});

/** POST /api/transcription/usage/save: the browser's caption metrics for one of its streams. */
export const saveClientMetricsEndpoint = route({ auth: false }, async ({ req, user, deps }) => {
  const metrics = await parseJsonBody(req, usageApi.saveClientMetrics.request, CLIENT_METRICS_BODY_LIMIT);
  await saveClientMetrics(deps.db, { viewer: { user, guestId: readGuestId(req) }, metrics });
  return new NextResponse(null, { status: 204 });
});
