import { z } from "zod";
import { endpoint, isoDate, noContent } from "@/lib/http-contract";
import { clientMetricsSchema } from "../domain/client-metrics";
import { usageFilterSchema, usageStatsQuerySchema } from "../domain/usage-stats";

// Metering, caption health, stats, the browser's caption metrics, budgets.

const totals = { audioSeconds: z.number(), billedSeconds: z.number(), costUsd: z.number() };
const usageTotals = { streams: z.number(), ...totals };
/** A session's usage also says what the recognizer dropped (never billed). */
const sessionTotals = { ...totals, droppedSeconds: z.number() };

const sessionUsage = endpoint({
  method: "GET",
  path: "/api/sessions/[slug]/transcription/usage",
  response: z.strictObject({
    participants: z.array(
      z.strictObject({
        participantId: z.string().nullable(),
        displayName: z.string().nullable(),
        provider: z.string(),
        streams: z.number(),
        ...sessionTotals,
      }),
    ),
    totals: z.strictObject(sessionTotals),
    budget: z.strictObject({
      budgetUsd: z.number().nullable(),
      spentUsd: z.number(),
      share: z.number().nullable(),
    }),
  }),
});

const captionHealth = endpoint({
  method: "GET",
  path: "/api/sessions/[slug]/transcription/health",
  response: z.strictObject({
    participants: z.array(
      z.strictObject({
        participantId: z.string(),
        identity: z.string(),
        displayName: z.string(),
        serverAudioSeconds: z.number(),
        engine: z.string().nullable(),
        clientAudioSecondsSent: z.number(),
        reconnects: z.number(),
        errors: z.number(),
        lastError: z.string().nullable(),
        completeness: z.number().nullable(),
        clientReportedAt: isoDate.nullable(),
        clientAudioCapped: z.boolean(),
      }),
    ),
    clientReported: z.array(z.string()),
  }),
});

const usageStats = endpoint({
  method: "GET",
  path: "/api/transcription/stats",
  query: usageStatsQuerySchema,
  response: z.strictObject({
    scope: z.enum(["all", "user"]),
    totals: z.strictObject(usageTotals),
    daily: z.array(z.strictObject({ ...usageTotals, day: z.string() })),
    byProvider: z.array(z.strictObject({ ...usageTotals, provider: z.string() })),
    topSessions: z.array(
      z.strictObject({
        ...usageTotals,
        sessionId: z.string(),
        slug: z.string(),
        title: z.string(),
        spaceName: z.string(),
      }),
    ),
    topSpaces: z.array(z.strictObject({ ...usageTotals, spaceId: z.string(), spaceName: z.string() })),
    rows: z.array(
      z.strictObject({
        id: z.string(),
        createdAt: isoDate,
        updatedAt: isoDate,
        provider: z.string(),
        ...totals,
        sessionSlug: z.string(),
        sessionTitle: z.string(),
        spaceId: z.string(),
        spaceName: z.string(),
        userName: z.string().nullable(),
        participantName: z.string().nullable(),
      }),
    ),
    page: z.number().int(),
    pageSize: z.number().int(),
    pageCount: z.number().int(),
  }),
});

const usageCsv = endpoint({
  method: "GET",
  path: "/api/transcription/stats.csv",
  query: usageFilterSchema,
  response: z.unknown(),
});

const saveClientMetrics = endpoint({
  method: "POST",
  path: "/api/transcription/usage/save",
  request: clientMetricsSchema,
  response: noContent,
  status: 204,
});

// numeric(12, 2) in the database; a cent is the smallest step.
const budgetBody = z
  .object({ budgetUsd: z.number().min(0).max(1_000_000_000).multipleOf(0.01).nullable() })
  .strict();
const budgetReply = z.strictObject({
  budget: z.strictObject({
    budgetUsd: z.number().nullable(),
    spentUsd: z.number(),
    share: z.number().nullable(),
    canEdit: z.boolean(),
  }),
});

/** Usage, caption health and budgets. */
export const usageApi = {
  sessionUsage,
  captionHealth,
  usageStats,
  usageCsv,
  saveClientMetrics,
  getBudget: endpoint({
    method: "GET",
    path: "/api/spaces/[spaceId]/transcription-budget",
    response: budgetReply,
  }),
  setBudget: endpoint({
    method: "PUT",
    path: "/api/spaces/[spaceId]/transcription-budget",
    request: budgetBody,
    response: budgetReply,
  }),
};
