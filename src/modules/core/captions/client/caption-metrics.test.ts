import { describe, expect, it } from "vitest";
import type { ConnectionCounters } from "./caption-connection";
import { CaptionMetricsReporter, type CaptionMetricsBody } from "./caption-metrics";

function harness() {
  const counters: ConnectionCounters = {
    chunksSent: 0,
    transcriptsReceived: 0,
    reconnects: 0,
    errors: 0,
    lastError: null,
  };
  const sent: [CaptionMetricsBody, boolean][] = [];
  let tick: (() => void) | null = null;
  let cleared = false;
  let clock = Date.parse("2026-11-24T10:00:00Z");
  const reporter = new CaptionMetricsReporter({
    slug: "abc-defg-hij",
    counters: () => ({ ...counters }),
    send: (body, final) => sent.push([body, final]),
    now: () => new Date(clock),
    setInterval: (fn, ms) => {
      expect(ms).toBe(15_000);
      tick = fn;
      return 1;
    },
    clearInterval: () => (cleared = true),
  });
  return {
    reporter,
    counters,
    sent,
    tick: () => tick!(),
    advance: (ms: number) => (clock += ms),
    cleared: () => cleared,
  };
}

describe("CaptionMetricsReporter", () => {
  it("saves the counters periodically only when they changed, with audio seconds from chunks", () => {
    const h = harness();
    h.reporter.start();
    h.counters.chunksSent = 25;
    h.tick();
    h.tick();
    h.counters.transcriptsReceived = 2;
    h.tick();
    expect(
      h.sent.map(([b, final]) => [b.chunksSent, b.audioSecondsSent, b.transcriptsReceived, final]),
    ).toEqual([
      [25, 4, 0, false],
      [25, 4, 2, false],
    ]);
    const [body] = h.sent[0]!;
    expect(body).toMatchObject({
      slug: "abc-defg-hij",
      startedAt: "2026-11-24T10:00:00.000Z",
      endedAt: null,
    });
    expect(body.clientStreamId).toMatch(/^[0-9a-f]{32}$/);
  });

  it("sends a final save with the end time on stop, then nothing more", () => {
    const h = harness();
    h.reporter.start();
    h.advance(60_000);
    h.reporter.stop();
    h.tick();
    h.reporter.pageHidden(false);
    expect(h.cleared()).toBe(true);
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]).toEqual([expect.objectContaining({ endedAt: "2026-11-24T10:01:00.000Z" }), true]);
  });

  it("on page hide sends with keepalive; ends the stream unless the page may come back", () => {
    const h = harness();
    h.reporter.pageHidden(true);
    h.reporter.pageHidden(false);
    expect(h.sent.map(([b, final]) => [b.endedAt, final])).toEqual([
      [null, true],
      ["2026-11-24T10:00:00.000Z", true],
    ]);
  });
});
