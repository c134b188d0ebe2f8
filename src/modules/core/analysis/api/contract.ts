import { z } from "zod";
import { endpoint } from "@/lib/http-contract";

const evidencedPoint = { text: z.string(), segmentIds: z.array(z.string()) };

const actionItem = z.strictObject({
  ...evidencedPoint,
  key: z.string(),
  owner: z
    .strictObject({
      name: z.string(),
      participantId: z.string().nullable(),
      userId: z.string().nullable(),
      guest: z.boolean().optional(),
    })
    .nullable(),
  due: z.string().nullable(),
});

const analysisView = z.strictObject({
  status: z.enum(["PENDING", "RUNNING", "DONE", "FAILED"]),
  progress: z.number(),
  attempts: z.number().int(),
  summary: z.string().nullable(),
  summaryPoints: z.array(z.strictObject(evidencedPoint)),
  keyPoints: z.array(z.strictObject(evidencedPoint)),
  decisions: z.array(z.strictObject(evidencedPoint)),
  actionItems: z.array(actionItem),
  talkTime: z.array(
    z.strictObject({
      participantId: z.string(),
      name: z.string(),
      seconds: z.number(),
      words: z.number(),
      share: z.number(),
    }),
  ),
  model: z.string().nullable(),
  error: z.string().nullable(),
  startedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
});

/**
 * Null until the session has ended; `canRerun` for the host and the space's owners/admins;
 * `citations`: each cited segment's offset from the session's start in ms (filled when DONE).
 */
const analysisState = z.strictObject({
  analysis: analysisView.nullable(),
  canRerun: z.boolean(),
  citations: z.record(z.string(), z.number()),
});

/** The after-call analysis of a session. */
export const analysisApi = {
  get: endpoint({ method: "GET", path: "/api/sessions/[slug]/analysis", response: analysisState }),
  rerun: endpoint({
    method: "POST",
    path: "/api/sessions/[slug]/analysis/rerun",
    response: analysisState,
    status: 202,
  }),
};
