import { afterEach, describe, expect, it, vi } from "vitest";
import { chunk, connectReady, flush, harness } from "./caption-connection.harness";

const READY = { type: "ready", sessionId: "s", participantId: "p", provider: "x", language: "en" };

/** Sends one 160 ms chunk per step of fake wall time, from `from` for `count` chunks. */
function stream(h: ReturnType<typeof harness>, from: number, count: number): number {
  let at = from;
  for (let i = 0; i < count; i++, at += 160) {
    vi.setSystemTime(at);
    h.conn.sendAudio(chunk(i));
  }
  return at;
}

describe("CaptionConnection delivery: is my audio reaching the server?", () => {
  afterEach(() => void vi.useRealTimers());

  it("says 'behind' when sent audio goes unheard past 3 s (a stalled network), and recovers on `heard`", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(0);
    const seen: boolean[] = [];
    const h = harness({ onDelivery: (b) => seen.push(b) });
    await connectReady(h);
    // Heard every second: never behind.
    let at = 0;
    for (let s = 0; s < 5; s++) {
      at = stream(h, at, 7);
      h.last().receive({ type: "heard", audioMs: (s + 1) * 7 * 160 });
    }
    expect(seen).toEqual([]);
    // The network stalls: the socket stays open and takes the audio, the server hears nothing.
    const stallFrom = at;
    at = stream(h, at, 19);
    expect(seen).toEqual([]);
    expect(at - stallFrom).toBeLessThanOrEqual(3_040);
    at = stream(h, at, 2);
    expect(seen).toEqual([true]);
    // The held audio arrives at once, and the server says so.
    h.last().receive({ type: "heard", audioMs: (35 + 21) * 160 });
    expect(seen).toEqual([true, false]);
    stream(h, at, 3);
    expect(seen).toEqual([true, false]);
  });

  it("says 'behind' while a reconnect's backlog is replayed later than 3 s after capture", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(0);
    const seen: boolean[] = [];
    const h = harness({ onDelivery: (b) => seen.push(b) });
    h.conn.start();
    await flush();
    // Three chunks held while connecting (the harness keeps at most 3).
    stream(h, 0, 3);
    vi.setSystemTime(4_000);
    h.last().open();
    h.last().receive(READY);
    // Not ready while connecting: the socket's own state says so, not 'behind'.
    expect(seen).toEqual([]);
    h.conn.sendAudio(chunk(9));
    expect(seen).toEqual([true]);
    while (h.timers.length) await h.fire();
    h.last().receive({ type: "heard", audioMs: 4 * 160 });
    h.conn.sendAudio(chunk(10));
    expect(seen).toEqual([true, false]);
  });

  it("starts afresh on a new socket: what the old one lost is not 'behind' on the next", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(0);
    const seen: boolean[] = [];
    const h = harness({ onDelivery: (b) => seen.push(b) });
    await connectReady(h);
    const at = stream(h, 0, 25);
    expect(seen).toEqual([true]);
    h.last().serverClose(1006);
    expect(seen).toEqual([true, false]);
    while (h.sockets.length < 2) await h.fire();
    h.last().open();
    h.last().receive(READY);
    stream(h, at + 10_000, 2);
    expect(seen).toEqual([true, false]);
  });
});
