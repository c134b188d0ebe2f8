import { z } from "zod";
import { endpoint, isoDate, noContent } from "@/lib/http-contract";
import { clientMetricsSchema } from "../domain/client-metrics";
import { glossaryResponse, replaceGlossaryBody } from "../domain/glossary";
import { EXPORT_FORMATS } from "../domain/transcript-export";
import { transcriptLanguage } from "../domain/transcript-language";
import { usageFilterSchema, usageStatsQuerySchema } from "../domain/usage-stats";

// Captions: the token for the ws server (the socket's own messages are domain/protocol.ts).

const captionsToken = endpoint({
  method: "POST",
  path: "/api/sessions/[slug]/transcription/token",
  response: z.strictObject({
    token: z.string(),
    url: z.string(),
    urls: z.array(z.string()),
    expiresAt: isoDate,
  }),
});

// Transcripts: the stored finals, their export and sharing.

/** One stored final as the call's transcript panel and the transcript page read it. */
export const storedSegment = z.strictObject({
  utteranceId: z.string(),
  text: z.string(),
  startMs: z.number().nullable(),
  endMs: z.number().nullable(),
  language: z.string().nullable(),
  /** LiveKit identity of the speaker, so the client can merge these with live captions. */
  speakerIdentity: z.string().nullable(),
  speakerName: z.string().nullable(),
  createdAt: isoDate,
  /** Stored translations of this final: language → text. */
  translations: z.record(z.string(), z.string()),
});
export type StoredSegment = z.infer<typeof storedSegment>;

const transcript = endpoint({
  method: "GET",
  path: "/api/sessions/[slug]/transcript",
  response: z.strictObject({ segments: z.array(storedSegment) }),
});
const transcriptExport = endpoint({
  method: "GET",
  path: "/api/sessions/[slug]/transcript/export",
  query: z.object({ format: z.enum(EXPORT_FORMATS), lang: transcriptLanguage.optional() }),
  response: z.unknown(),
});
const transcriptSharing = endpoint({
  method: "PATCH",
  path: "/api/sessions/[slug]/transcript/sharing",
  request: z.object({ shared: z.boolean() }).strict(),
  response: z.strictObject({ shared: z.boolean() }),
});

// Usage: metering, budgets, stats, the browser's caption metrics; and the space's glossary.

const totals = { audioSeconds: z.number(), billedSeconds: z.number(), costUsd: z.number() };
const usageTotals = { streams: z.number(), ...totals };

const sessionUsage = endpoint({
  method: "GET",
  path: "/api/sessions/[slug]/transcription/usage",
  response: z.strictObject({
    participants: z.array(
      z.strictObject({
        participantId: z.string().nullable(),
        displayName: z.string().nullable(),
        provider: z.string(),
        ...usageTotals,
      }),
    ),
    totals: z.strictObject(totals),
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

/** Live captions, transcripts, usage and budgets: the HTTP side of the transcription module. */
export const transcriptionApi = {
  captionsToken,
  transcript,
  transcriptExport,
  transcriptSharing,
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
  getGlossary: endpoint({
    method: "GET",
    path: "/api/spaces/[spaceId]/glossary",
    response: glossaryResponse.strict(),
  }),
  replaceGlossary: endpoint({
    method: "PUT",
    path: "/api/spaces/[spaceId]/glossary",
    request: replaceGlossaryBody,
    response: glossaryResponse.strict(),
  }),
};
