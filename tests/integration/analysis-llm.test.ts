import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadWebEnv } from "@/lib/env/web";
import type { AnalysisResult } from "@/modules/core/analysis/application/analyzer";
import { itemKey } from "@/modules/core/analysis/domain/action-items";
import { analyzerFromEnv } from "@/modules/core/analysis/infra/analyzer-from-env";
import { OfflineAnalyzer } from "@/modules/core/analysis/infra/offline-analyzer";
import { meetingInput, people, segmentId } from "../fixtures/meeting-15min";
import { startLlmStandIn } from "../support/llm-standin";

const API_KEY = "sk-test-key";
const MODEL = "test-model-1";
let standIn: Awaited<ReturnType<typeof startLlmStandIn>>;
let fallbacks: unknown[];

const env = (
  over: Partial<Record<"LLM_API_KEY" | "LLM_MODEL", string>> & { LLM_TIMEOUT_MS?: number } = {},
) => ({
  LLM_BASE_URL: standIn.baseUrl,
  LLM_API_KEY: API_KEY,
  LLM_MODEL: MODEL,
  LLM_TIMEOUT_MS: 10_000,
  ...over,
});
const analyze = (over: Parameters<typeof env>[0] = {}) =>
  analyzerFromEnv(env(over), (err) => fallbacks.push(err)).analyze(meetingInput());

/** A reply in the shape the adapter's JSON schema asks for, citing transcript lines S1…S184. */
const goodReply = () => ({
  summary: "The team kept the price, moved the release by a week and picked the blue sign up page.",
  summaryPoints: [
    { text: "The team plan stays at 49 dollars.", segmentIds: ["S23"] },
    { text: "The release moves to the 24th.", segmentIds: ["S50", "S48"] },
  ],
  keyPoints: [{ text: "The outage came from the connection pool.", segmentIds: ["S6"] }],
  decisions: [{ text: "Blue variant for the sign up page.", segmentIds: ["S78"] }],
  actionItems: [
    { text: "draft the release notes", segmentIds: ["S54", "S55"], owner: "Priya", due: "2026-03-12" },
    {
      text: "Review the security questionnaire",
      segmentIds: ["S96"],
      owner: "alex kim",
      due: "next Tuesday",
    },
    { text: "Order pizza", segmentIds: ["S120"], owner: "Someone Else", due: null },
    { text: "Unowned follow-up", segmentIds: ["S180"], owner: null, due: "2026-02-30" },
  ],
});

beforeAll(async () => {
  standIn = await startLlmStandIn({ apiKey: API_KEY, model: MODEL });
});
afterAll(async () => {
  await standIn.close();
});
beforeEach(() => {
  standIn.requests.length = 0;
  fallbacks = [];
});

async function offlineWithModel(model: string): Promise<AnalysisResult> {
  return { ...(await new OfflineAnalyzer().analyze(meetingInput())), model };
}

describe("LLM analyzer against a chat-completions stand-in", () => {
  it("asks for strict structured output with line ids, and maps the validated reply to segments and members", async () => {
    standIn.respond(() => ({ kind: "json", content: goodReply() }));
    const progress: number[] = [];
    const result = await analyzerFromEnv(env()).analyze(meetingInput(), (p) => progress.push(p));

    const [req] = standIn.requests;
    expect(standIn.requests).toHaveLength(1);
    expect(req!.authorization).toBe(`Bearer ${API_KEY}`);
    expect(req!.body.model).toBe(MODEL);
    const format = req!.body.response_format as {
      json_schema: { strict: boolean; schema: Record<string, unknown> };
    };
    expect(format.json_schema.strict).toBe(true);
    expect(format.json_schema.schema).toMatchObject({
      type: "object",
      additionalProperties: false,
      required: expect.arrayContaining(["summary", "summaryPoints", "keyPoints", "decisions", "actionItems"]),
    });
    const user = (req!.body.messages as { role: string; content: string }[]).find((m) => m.role === "user")!;
    expect(user.content).toContain("Date: 2026-03-10 (Tuesday)");
    expect(user.content).toMatch(/^\[S1 00:00 Maria Lopez\] Hi everyone/m);
    expect(user.content).toContain("[S184 ");

    expect(result.model).toBe(MODEL);
    expect(result.summary).toBe(goodReply().summary);
    expect(result.summaryPoints).toEqual([
      { text: "The team plan stays at 49 dollars.", segmentIds: [segmentId(22)] },
      { text: "The release moves to the 24th.", segmentIds: [segmentId(49), segmentId(47)] },
    ]);
    expect(result.decisions).toEqual([
      { text: "Blue variant for the sign up page.", segmentIds: [segmentId(77)] },
    ]);
    const [notes, review, pizza, unowned] = result.actionItems;
    expect(notes).toEqual({
      key: itemKey("Draft the release notes", segmentId(53)),
      text: "Draft the release notes",
      segmentIds: [segmentId(53), segmentId(54)],
      owner: {
        name: "Priya Shah",
        participantId: people.priya.participantId,
        userId: people.priya.userId,
        guest: false,
      },
      due: "2026-03-12",
    });
    // A guest resolves to their participant; a said date is parsed; unknown people keep their name.
    expect(review!.owner).toEqual({
      name: "Alex Kim",
      participantId: people.alex.participantId,
      userId: null,
      guest: true,
    });
    expect(review!.due).toBe("2026-03-17");
    expect(pizza!.owner).toEqual({ name: "Someone Else", participantId: null, userId: null, guest: false });
    expect(unowned).toMatchObject({ owner: null, due: null });
    // Talk time is measured, not asked of the model.
    expect(result.talkTime).toEqual((await new OfflineAnalyzer().analyze(meetingInput())).talkTime);
    expect(progress.at(-1)).toBe(100);
  });

  it("drops evidence ids that do not exist, and points left with none", async () => {
    const reply = goodReply();
    reply.summaryPoints[0]!.segmentIds = ["S23", "S9999", "bogus", segmentId(3)];
    reply.keyPoints.push({ text: "Invented", segmentIds: ["S0", "S185"] });
    reply.actionItems.push({ text: "Hallucinated task", segmentIds: ["X1"], owner: "Tom", due: null });
    standIn.respond(() => ({ kind: "json", content: reply }));
    const result = await analyze();
    expect(fallbacks).toEqual([]);
    expect(result.summaryPoints[0]!.segmentIds).toEqual([segmentId(22)]);
    expect(result.keyPoints.map((p) => p.text)).toEqual(["The outage came from the connection pool."]);
    expect(result.actionItems.map((a) => a.text)).not.toContain("Hallucinated task");
    const ids = new Set(meetingInput().segments.map((s) => s.id));
    for (const p of [
      ...result.summaryPoints,
      ...result.keyPoints,
      ...result.decisions,
      ...result.actionItems,
    ]) {
      expect(p.segmentIds.length).toBeGreaterThan(0);
      for (const id of p.segmentIds) expect(ids.has(id)).toBe(true);
    }
  });

  it.each([
    ["content that is not JSON", { kind: "text", content: "Sure! Here is the summary: ..." }, "not JSON"],
    [
      "JSON that misses a field",
      { kind: "json", content: { ...goodReply(), actionItems: undefined } },
      "actionItems",
    ],
    [
      "a field of the wrong type",
      { kind: "json", content: { ...goodReply(), decisions: "none" } },
      "decisions",
    ],
    ["a refusal", { kind: "refusal", refusal: "I can't help with that." }, "refused"],
    ["a 500", { kind: "status", status: 500 }, "answered 500"],
    ["a 429", { kind: "status", status: 429 }, "answered 429"],
    [
      "a body that is not a completion",
      { kind: "status", status: 200, body: { hello: 1 } },
      "not a chat completion",
    ],
  ] as const)("falls back to the offline analyzer on %s", async (_name, reply, reason) => {
    standIn.respond(() => reply);
    const result = await analyze();
    expect(standIn.requests).toHaveLength(1);
    expect(fallbacks).toHaveLength(1);
    expect(result.model).toMatch(/^offline \(LLM failed: /);
    expect(result.model).toContain(reason);
    expect(result).toEqual(await offlineWithModel(result.model));
  });

  it("falls back when the endpoint does not answer in time", async () => {
    standIn.respond(() => ({ kind: "hang" }));
    const result = await analyze({ LLM_TIMEOUT_MS: 1_000 });
    expect(result.model).toBe("offline (LLM failed: timed out)");
    expect(result.actionItems.length).toBeGreaterThan(0);
  });

  it("falls back when the stand-in refuses the key or the model", async () => {
    standIn.respond(() => ({ kind: "json", content: goodReply() }));
    expect((await analyze({ LLM_API_KEY: "sk-wrong" })).model).toBe(
      "offline (LLM failed: the LLM endpoint answered 401)",
    );
    expect((await analyze({ LLM_MODEL: "other" })).model).toBe(
      "offline (LLM failed: the LLM endpoint answered 404)",
    );
  });

  it("does not call the model for a session where nothing was said", async () => {
    standIn.respond(() => ({ kind: "json", content: goodReply() }));
    const result = await analyzerFromEnv(env()).analyze({ ...meetingInput(), segments: [] });
    expect(standIn.requests).toHaveLength(0);
    expect(result).toEqual({
      summary: "",
      summaryPoints: [],
      keyPoints: [],
      decisions: [],
      actionItems: [],
      talkTime: [],
      model: MODEL,
    });
  });

  it("is offline without LLM settings, and the env wants all three together", () => {
    expect(
      analyzerFromEnv({
        LLM_BASE_URL: undefined,
        LLM_API_KEY: undefined,
        LLM_MODEL: undefined,
        LLM_TIMEOUT_MS: 1000,
      }),
    ).toBeInstanceOf(OfflineAnalyzer);
    const base = {
      DATABASE_URL: "postgres://u:p@localhost:5432/rooms",
      NEXTAUTH_SECRET: "s".repeat(32),
      HOST: "127.0.0.1",
    };
    expect(() => loadWebEnv({ ...base, LLM_BASE_URL: "http://127.0.0.1:1/v1" })).toThrow(
      /LLM_BASE_URL, LLM_API_KEY and LLM_MODEL/,
    );
    expect(
      loadWebEnv({ ...base, LLM_BASE_URL: "http://x/v1", LLM_API_KEY: "k", LLM_MODEL: "m" }),
    ).toMatchObject({
      LLM_MODEL: "m",
      LLM_TIMEOUT_MS: 120_000,
    });
  });
});
