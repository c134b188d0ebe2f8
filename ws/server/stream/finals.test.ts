import { describe, expect, it } from "vitest";
import type { ServerMessage } from "@/modules/core/captions/domain/protocol";
import { segmentSigner } from "@/modules/core/captions/infra/segment-signature";
import type { SegmentWriter } from "@/modules/core/captions/infra/segment-writer";
import type { StreamContext } from "@/modules/core/captions/infra/stream-context-repository";
import { StreamFinals } from "./finals";
import { createMetrics } from "../ops/metrics";

const ctx = { sessionId: "00000000-0000-4000-8000-000000000001", participantId: "p" } as StreamContext;
const seg = (id: string) => ({
  utteranceId: id,
  text: `text ${id}`,
  startMs: 0,
  endMs: 900,
  language: "en",
  confidence: 0.9,
});

function harness() {
  const sent: ServerMessage[] = [];
  const stored = { finals: [] as string[], translations: [] as string[] };
  const writer = {
    add: (s: { utteranceId: string }) => (stored.finals.push(s.utteranceId), true),
    addTranslation: (t: { utteranceId: string; language: string; text: string; provider: string }) => (
      stored.translations.push(`${t.utteranceId}/${t.language}/${t.provider}: ${t.text}`),
      true
    ),
  } as unknown as SegmentWriter;
  const finals = new StreamFinals(
    ctx,
    {
      signer: segmentSigner("s".repeat(32)),
      writer,
      metrics: createMetrics({ connections: () => 0, writerPending: () => 0 }),
    },
    (m) => sent.push(m),
    "gladia",
  );
  return { finals, sent, stored };
}

describe("stream finals: translations", () => {
  it("sends and stores a translation only after its final was sent on this stream", () => {
    const h = harness();
    // Its final never went out (dropped while paused, or empty): nothing is shown or stored.
    expect(h.finals.translate({ utteranceId: "s:1", language: "ru", text: "раз" })).toBe(false);
    h.finals.emit(seg("s:1"));
    expect(h.finals.translate({ utteranceId: "s:1", language: "ru", text: "раз" })).toBe(true);
    expect(h.sent.map((m) => m.type)).toEqual(["transcript", "translation"]);
    expect(h.sent[1]).toEqual({ type: "translation", utteranceId: "s:1", language: "ru", text: "раз" });
    expect(h.stored).toEqual({ finals: ["s:1"], translations: ["s:1/ru/gladia: раз"] });
  });

  it("forgets the oldest finals beyond its bound", () => {
    const h = harness();
    for (let i = 0; i <= 1_000; i++) h.finals.emit(seg(`s:${i}`));
    expect(h.finals.translate({ utteranceId: "s:0", language: "de", text: "eins" })).toBe(false);
    expect(h.finals.translate({ utteranceId: "s:1", language: "de", text: "zwei" })).toBe(true);
  });
});

describe("stream finals: resend", () => {
  const signer = segmentSigner("s".repeat(32));
  const signed = (id: string) => ({
    ...seg(id),
    sig: signer.sign(ctx.sessionId, ctx.participantId, seg(id)),
  });
  const unlimited = { resendAllowance: (n: number) => n };

  it("collapses copies, and skips what this socket already queued", () => {
    const h = harness();
    const copies = Array.from({ length: 500 }, () => signed("s:1"));
    expect(h.finals.resend([...copies, signed("s:2")], unlimited)).toBe(true);
    expect(h.finals.resend(copies, unlimited)).toBe(true);
    expect(h.stored.finals).toEqual(["s:1", "s:2"]);
  });

  it("refuses the whole message when a copy differs from the first with its id (forged)", () => {
    const h = harness();
    const tampered = { ...signed("s:1"), text: "I never said this" };
    expect(h.finals.resend([signed("s:1"), tampered], unlimited)).toBe(false);
    expect(h.finals.resend([signed("s:3"), { ...signed("s:4"), sig: "forged" }], unlimited)).toBe(false);
    expect(h.stored.finals).toEqual([]);
  });

  it("charges every final sent, copies included, and refuses what the rate does not allow", () => {
    const h = harness();
    const charged: number[] = [];
    const rate = { resendAllowance: (n: number) => (charged.push(n), 2) };
    expect(h.finals.resend([signed("a"), signed("a"), signed("b"), signed("c"), signed("d")], rate)).toBe(
      true,
    );
    expect(charged).toEqual([5]);
    expect(h.stored.finals).toEqual(["a", "b"]);
    expect(h.sent).toEqual([expect.objectContaining({ type: "warning", code: "resend_limited" })]);
  });
});
