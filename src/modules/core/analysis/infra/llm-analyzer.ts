import { z } from "zod";
import type { ActionItem, EvidencedPoint } from "@/lib/db/schema/analysis";
import type { AnalysisInput, AnalysisResult, Analyzer } from "../application/analyzer";
import { dueDate, itemKey } from "../domain/action-items";
import { inSpokenOrder, sessionOffsetMs } from "../domain/order";
import { OwnerDirectory } from "../domain/owners";
import { talkTime } from "../domain/talk-time";
import { capitalize } from "../domain/text";

export type LlmConfig = {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  /** Longer transcripts are not sent (the offline analyzer takes them): context windows are finite. */
  maxTranscriptChars?: number;
};

const DEFAULT_MAX_TRANSCRIPT_CHARS = 400_000;

const point = z.strictObject({
  text: z.string().min(1),
  segmentIds: z.array(z.string()).describe("ids of the transcript lines this point comes from, e.g. S12"),
});
/** What the model must answer: also sent to it, as the strict JSON schema of the structured output. */
const replySchema = z.strictObject({
  summary: z.string().describe("a short paragraph"),
  summaryPoints: z.array(point),
  keyPoints: z.array(point),
  decisions: z.array(point),
  actionItems: z.array(
    z.strictObject({
      text: z.string().min(1).describe("the task, as an imperative phrase"),
      segmentIds: z.array(z.string()),
      owner: z.string().nullable().describe("the person who will do it, as named in the transcript, or null"),
      due: z.string().nullable().describe("YYYY-MM-DD when a due date was said, else null"),
    }),
  ),
});
const jsonSchema: Record<string, unknown> = { ...z.toJSONSchema(replySchema) };
delete jsonSchema.$schema;

const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullable(), refusal: z.string().nullable().optional() }),
        finish_reason: z.string().nullable().optional(),
      }),
    )
    .min(1),
});

const SYSTEM = [
  "You analyse a meeting transcript. Each line is `[id mm:ss Speaker] text`.",
  "Write in the transcript's language. Use only what was said; never invent.",
  "Every point and action item must cite the ids of the lines it comes from in segmentIds.",
  "Action items: only commitments or requests someone accepted; owner is the person who will do it",
  "(the speaker for 'I will ...'), or null when nobody was named. Resolve relative dates such as",
  "'by Friday' against the meeting date.",
].join(" ");

/**
 * An OpenAI-compatible chat-completions endpoint with structured output. Anything wrong (status,
 * timeout, JSON, schema, no usable evidence) throws, so the caller can fall back to the offline analyzer.
 */
export class LlmAnalyzer implements Analyzer {
  constructor(private readonly config: LlmConfig) {}

  async analyze(input: AnalysisInput, onProgress?: (pct: number) => void): Promise<AnalysisResult> {
    const segments = inSpokenOrder(input.segments);
    if (segments.length === 0) {
      // Nothing was said: nothing to pay a model for, and nothing it could cite.
      onProgress?.(100);
      const none = {
        summary: "",
        summaryPoints: [],
        keyPoints: [],
        decisions: [],
        actionItems: [],
        talkTime: [],
      };
      return { ...none, model: this.config.model };
    }
    // Short line ids instead of UUIDs: fewer tokens, and fewer ids mangled by the model.
    const byRef = new Map(segments.map((s, i) => [`S${i + 1}`, s]));
    // Due dates ("by Friday") and the clock both count from the session's start.
    const reference = input.sessionStartedAt ?? segments[0]?.createdAt ?? new Date(0);
    const transcript = segments
      .map((s, i) => `[S${i + 1} ${clock(sessionOffsetMs(s, reference))} ${s.speakerName}] ${s.text}`)
      .join("\n");
    const limit = this.config.maxTranscriptChars ?? DEFAULT_MAX_TRANSCRIPT_CHARS;
    if (transcript.length > limit)
      throw new Error(`transcript too long for the LLM (${transcript.length} > ${limit} chars)`);
    onProgress?.(10);

    const reply = await this.complete(input, transcript, reference);
    onProgress?.(80);

    const evidence = (refs: string[]) => [
      ...new Set(refs.map((r) => byRef.get(r.trim())?.id).filter((id): id is string => !!id)),
    ];
    const points = (list: { text: string; segmentIds: string[] }[]): EvidencedPoint[] =>
      list
        .map((p) => ({ text: p.text.trim(), segmentIds: evidence(p.segmentIds) }))
        .filter((p) => p.segmentIds.length > 0);
    const directory = new OwnerDirectory(segments, input.members);
    const actionItems: ActionItem[] = [];
    for (const item of reply.actionItems) {
      const ids = evidence(item.segmentIds);
      const first = ids[0];
      if (!first) continue;
      const text = capitalize(item.text.trim());
      actionItems.push({
        key: itemKey(text, first),
        text,
        segmentIds: ids,
        owner: item.owner
          ? (directory.resolve(item.owner) ?? {
              name: item.owner,
              participantId: null,
              userId: null,
              guest: false,
            })
          : null,
        due: validDate(item.due) ?? (item.due ? dueDate(item.due, reference) : null),
      });
    }
    const summaryPoints = points(reply.summaryPoints);
    const result: AnalysisResult = {
      summary: reply.summary.trim() || summaryPoints.map((p) => p.text).join(" "),
      summaryPoints,
      keyPoints: points(reply.keyPoints),
      decisions: points(reply.decisions),
      actionItems,
      talkTime: talkTime(segments),
      model: this.config.model,
    };
    if (segments.length > 0 && summaryPoints.length === 0 && !result.summary) {
      throw new Error("the LLM reply had no summary with valid evidence");
    }
    onProgress?.(100);
    return result;
  }

  private async complete(
    input: AnalysisInput,
    transcript: string,
    reference: Date,
  ): Promise<z.output<typeof replySchema>> {
    const url = `${this.config.baseUrl.replace(/\/+$/, "")}/chat/completions`;
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${this.config.apiKey}` },
      body: JSON.stringify({
        model: this.config.model,
        // No temperature: reasoning models refuse the parameter, and the schema already constrains the answer.
        messages: [
          { role: "system", content: SYSTEM },
          {
            role: "user",
            content: `Meeting: ${input.sessionTitle}\nDate: ${reference.toISOString().slice(0, 10)} (${weekday(reference)})\nLanguage: ${input.language}\n\n${transcript}`,
          },
        ],
        response_format: {
          type: "json_schema",
          json_schema: { name: "session_analysis", strict: true, schema: jsonSchema },
        },
      }),
      signal: AbortSignal.timeout(this.config.timeoutMs),
    });
    if (!res.ok) throw new Error(`the LLM endpoint answered ${res.status}`);
    const completion = completionSchema.safeParse(await res.json().catch(() => null));
    if (!completion.success) throw new Error("the LLM endpoint's answer is not a chat completion");
    const message = completion.data.choices[0]?.message;
    if (!message?.content) throw new Error(message?.refusal ? "the LLM refused" : "the LLM answer is empty");
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.content);
    } catch {
      throw new Error("the LLM answer is not JSON");
    }
    const reply = replySchema.safeParse(parsed);
    if (!reply.success) {
      const where = reply.error.issues
        .map((i) => i.path.join(".") || "(root)")
        .slice(0, 3)
        .join(", ");
      throw new Error(`the LLM answer does not match the schema at ${where}`);
    }
    return reply.data;
  }
}

function validDate(due: string | null): string | null {
  if (!due || !/^\d{4}-\d{2}-\d{2}$/.test(due)) return null;
  // Date.parse rolls 2026-02-30 over to March: only a date that survives the round trip is real.
  const t = Date.parse(`${due}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === due ? due : null;
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const mm = `${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm}` : mm;
}

function weekday(d: Date): string {
  return new Intl.DateTimeFormat("en", { weekday: "long", timeZone: "UTC" }).format(d);
}
