import { afterEach, describe, expect, it, vi } from "vitest";
import { CLOSE } from "../domain/close-codes";
import { chunk, connectReady, final, flush, harness, tags } from "./caption-connection.harness";

describe("CaptionConnection", () => {
  it("authenticates first, queues audio until ready, then streams it", async () => {
    const h = harness();
    h.conn.start();
    await flush();
    h.conn.sendAudio(chunk(1));
    h.last().open();
    expect(h.last().json()).toEqual([{ type: "auth", token: "tok-1" }]);
    expect(h.last().binary()).toHaveLength(0);
    h.last().receive({ type: "ready", sessionId: "s", participantId: "p", provider: "x", language: "en" });
    h.conn.sendAudio(chunk(2));
    expect(
      h
        .last()
        .binary()
        .map((b) => new Uint8Array(b)[0]),
    ).toEqual([1, 2]);
    expect(h.last().binaryType).toBe("arraybuffer");
    expect(h.states.at(-1)).toEqual(["ready", undefined]);
  });

  it("hands each warning on with its code (mic_silent, mic_ok)", async () => {
    const warnings: [string, string][] = [];
    const h = harness({ onWarning: (message, code) => warnings.push([code, message]) });
    await connectReady(h);
    h.last().receive({ type: "warning", code: "mic_silent", message: "We can't hear your microphone." });
    h.last().receive({ type: "warning", code: "mic_ok", message: "Your microphone is heard again." });
    expect(warnings).toEqual([
      ["mic_silent", "We can't hear your microphone."],
      ["mic_ok", "Your microphone is heard again."],
    ]);
  });

  it("keeps at most maxQueuedChunks of audio while disconnected, dropping the oldest", async () => {
    const h = harness();
    h.conn.start();
    await flush();
    for (let i = 1; i <= 5; i++) h.conn.sendAudio(chunk(i));
    h.last().open();
    h.last().receive({ type: "ready", sessionId: "s", participantId: "p", provider: "x", language: "en" });
    while (h.timers.length) await h.fire();
    expect(tags(h.last())).toEqual([3, 4, 5]);
    expect(h.conn.dropped).toBe(2);
  });

  it("replays its backlog at twice real time with live audio queued behind it", async () => {
    const h = harness();
    h.conn.start();
    await flush();
    for (let i = 1; i <= 3; i++) h.conn.sendAudio(chunk(i));
    h.last().open();
    h.last().receive({ type: "ready", sessionId: "s", participantId: "p", provider: "x", language: "en" });
    // One chunk at once, the next after 80 ms: 160 ms of audio per 80 ms.
    expect(tags(h.last())).toEqual([1]);
    expect(h.timers.map((t) => t.ms)).toEqual([80]);
    h.conn.sendAudio(chunk(4));
    await h.fire();
    expect(tags(h.last())).toEqual([1, 2]);
    await h.fire();
    await h.fire();
    expect(tags(h.last())).toEqual([1, 2, 3, 4]);
    expect(h.timers).toHaveLength(0);
    // Caught up: live audio goes straight out.
    h.conn.sendAudio(chunk(5));
    expect(tags(h.last())).toEqual([1, 2, 3, 4, 5]);
    expect(h.conn.counters.chunksSent).toBe(5);
  });

  it("keeps the rest of a replay for the next socket when this one drops", async () => {
    const h = harness();
    h.conn.start();
    await flush();
    for (let i = 1; i <= 3; i++) h.conn.sendAudio(chunk(i));
    h.last().open();
    h.last().receive({ type: "ready", sessionId: "s", participantId: "p", provider: "x", language: "en" });
    const first = h.last();
    first.serverClose(1006);
    // The replay's timer was cancelled (the fake's clear is a no-op, so it may still fire: harmlessly).
    await h.fire();
    while (h.sockets.length < 2) await h.fire();
    h.last().open();
    h.last().receive({ type: "ready", sessionId: "s", participantId: "p", provider: "x", language: "en" });
    while (h.timers.length) await h.fire();
    expect(tags(first)).toEqual([1]);
    expect(tags(h.last())).toEqual([2, 3]);
  });

  it("re-sends unacknowledged finals after a reconnect, with a fresh token", async () => {
    const h = harness();
    await connectReady(h);
    h.last().receive(final("u1"));
    h.last().receive(final("u2"));
    h.last().receive({ ...final("u3"), isFinal: false, sig: undefined });
    h.last().receive({ type: "ack", utteranceIds: ["u1"] });
    expect(h.transcripts).toHaveLength(3);
    h.last().serverClose(CLOSE.GOING_AWAY.code);
    expect(h.states.at(-1)).toEqual(["reconnecting", undefined]);
    // Finals are never dropped, however much audio piles up while away.
    for (let i = 0; i < 10; i++) h.conn.sendAudio(chunk(i));
    await h.fire();
    h.last().open();
    h.last().receive({ type: "ready", sessionId: "s", participantId: "p", provider: "x", language: "en" });
    const [auth, resend] = h.last().json();
    expect(auth).toEqual({ type: "auth", token: "tok-2" });
    expect(resend).toEqual({
      type: "resend",
      finals: [
        {
          utteranceId: "u2",
          text: "text u2",
          startMs: 0,
          endMs: 100,
          language: "en",
          confidence: 0.9,
          sig: "sig-u2",
        },
      ],
    });
    h.last().receive({ type: "ack", utteranceIds: ["u2"] });
    expect(h.conn.unacknowledged).toEqual([]);
  });

  it("sends nothing of a paused voice and repeats the pause after a reconnect", async () => {
    const h = harness();
    await connectReady(h);
    h.conn.pause();
    h.conn.sendAudio(chunk(9));
    expect(h.last().json().at(-1)).toEqual({ type: "pause" });
    expect(h.last().binary()).toHaveLength(0);
    h.last().serverClose(CLOSE.GOING_AWAY.code);
    h.conn.sendAudio(chunk(9));
    await h.fire();
    h.last().open();
    h.last().receive({ type: "ready", sessionId: "s", participantId: "p", provider: "x", language: "en" });
    expect(h.last().json().at(-1)).toEqual({ type: "pause" });
    expect(h.last().binary()).toHaveLength(0);
    h.conn.resume();
    h.conn.sendAudio(chunk(7));
    expect(h.last().json().at(-1)).toEqual({ type: "resume" });
    expect(h.last().binary()).toHaveLength(1);
  });

  it("stop closes normally and never reconnects", async () => {
    const h = harness();
    await connectReady(h);
    const socket = h.last();
    h.conn.stop();
    expect(socket.closedWith).toBe(CLOSE.NORMAL.code);
    expect(h.timers).toHaveLength(0);
    h.conn.sendAudio(chunk(1));
    expect(socket.binary()).toHaveLength(0);
    expect(h.states.at(-1)).toEqual(["stopped", undefined]);
  });
});

describe("CaptionConnection counters (browser caption metrics)", () => {
  it("counts chunks that left, finals received, reconnects after the first ready, and failures", async () => {
    const h = harness();
    h.conn.start();
    await flush();
    h.conn.sendAudio(chunk(1)); // queued, counted when flushed on ready
    h.last().open();
    h.last().receive({ type: "ready", sessionId: "s", participantId: "p", provider: "x", language: "en" });
    h.conn.sendAudio(chunk(2));
    h.last().receive({ ...final("u1"), isFinal: false, sig: undefined });
    h.last().receive(final("u1"));
    expect(h.conn.counters).toEqual({
      chunksSent: 2,
      transcriptsReceived: 1,
      reconnects: 0,
      errors: 0,
      lastError: null,
    });
    h.last().serverClose(1006, "");
    h.conn.sendAudio(chunk(3)); // queued while away: not sent yet
    expect(h.conn.counters).toMatchObject({ chunksSent: 2, errors: 1, lastError: "closed (1006)" });
    await h.fire();
    h.last().open();
    h.last().receive({ type: "ready", sessionId: "s", participantId: "p", provider: "x", language: "en" });
    h.last().receive({ type: "unavailable", code: "recognizer_failed", reason: "provider down" });
    expect(h.conn.counters).toEqual({
      chunksSent: 3,
      transcriptsReceived: 1,
      reconnects: 1,
      errors: 2,
      lastError: "provider down",
    });
    // Paused audio never leaves the browser, so it is not counted.
    h.conn.pause();
    h.conn.sendAudio(chunk(4));
    expect(h.conn.counters.chunksSent).toBe(3);
  });
});

describe("CaptionConnection speech-to-final lag", () => {
  afterEach(() => void vi.useRealTimers());

  it("times each final from the capture of its last chunk on this connection's audio clock", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(10_000);
    const lags: number[] = [];
    const h = harness({ onLag: (ms) => lags.push(ms) });
    h.conn.start();
    await flush();
    // Two chunks queued before ready (captured at 10.0 s and 10.1 s) open the connection's clock.
    h.conn.sendAudio(chunk(1));
    vi.setSystemTime(10_100);
    h.conn.sendAudio(chunk(2));
    h.last().open();
    h.last().receive({ type: "ready", sessionId: "s", participantId: "p", provider: "x", language: "en" });
    vi.setSystemTime(10_500);
    h.conn.sendAudio(chunk(3));
    // The backlog goes out paced; its chunks keep their capture times.
    while (h.timers.length) await h.fire();
    vi.setSystemTime(11_200);
    h.last().receive({ ...final("a"), endMs: 320 });
    h.last().receive({ ...final("b"), endMs: 480 });
    h.last().receive({ ...final("c"), endMs: 100_000 });
    h.last().receive({ ...final("d"), isFinal: false, endMs: 480 });
    expect(lags).toEqual([1100, 700]);
  });
});
