import { describe, expect, it } from "vitest";
import { CLOSE } from "../domain/close-codes";
import { TokenError } from "./caption-connection";
import { connectReady, final, flush, harness } from "./caption-connection.harness";

describe("CaptionConnection reconnects: when, how soon, where, and what the UI is told", () => {
  it("backs off exponentially up to the cap and resets after a successful connection", async () => {
    const h = harness();
    await connectReady(h);
    for (let i = 0; i < 6; i++) {
      h.last().serverClose(CLOSE.INTERNAL.code);
      await h.fire();
    }
    // random() = 1 → the whole window: 100, 200, 400, 800, 1000 (cap), 1000.
    expect(h.sockets).toHaveLength(7);
    h.last().serverClose(CLOSE.INTERNAL.code);
    expect(h.timers.map((t) => t.ms)).toEqual([1000]);
    await h.fire();
    h.last().open();
    h.last().receive({ type: "ready", sessionId: "s", participantId: "p", provider: "x", language: "en" });
    h.last().serverClose(CLOSE.SLOW_CONSUMER.code);
    expect(h.timers.map((t) => t.ms)).toEqual([100]);
  });

  it("jitters each delay within the upper half of the window", async () => {
    const h = harness({ random: () => 0 });
    await connectReady(h);
    h.last().serverClose(CLOSE.INTERNAL.code);
    expect(h.timers[0]!.ms).toBe(50);
  });

  it("does not reconnect after a close code that says retrying cannot help", async () => {
    const h = harness();
    await connectReady(h);
    h.last().serverClose(CLOSE.CAPTIONS_DISABLED.code, CLOSE.CAPTIONS_DISABLED.reason);
    expect(h.timers).toHaveLength(0);
    expect(h.states.at(-1)).toEqual(["unavailable", CLOSE.CAPTIONS_DISABLED.reason]);
  });

  it("stays off when another tab or device took the participant's stream over (REPLACED)", async () => {
    const h = harness();
    await connectReady(h);
    h.last().serverClose(CLOSE.REPLACED.code, CLOSE.REPLACED.reason);
    expect(h.timers).toHaveLength(0);
    expect(h.states.at(-1)).toEqual(["unavailable", CLOSE.REPLACED.reason]);
  });

  it("reports the server's unavailable reason and keeps retrying quietly when the code allows", async () => {
    const h = harness();
    await connectReady(h);
    h.last().receive({
      type: "unavailable",
      code: "language_unsupported",
      reason: "PocketSphinx cannot transcribe Russian",
    });
    h.last().serverClose(CLOSE.PROVIDER_UNAVAILABLE.code, CLOSE.PROVIDER_UNAVAILABLE.reason);
    expect(h.states.at(-1)).toEqual(["unavailable", "PocketSphinx cannot transcribe Russian"]);
    expect(h.timers).toHaveLength(1);
    await h.fire();
    expect(h.states.at(-1)![0]).toBe("unavailable");
  });

  it("hands on the server's unavailable code, also after the close that follows (the UI decides by it)", async () => {
    const h = harness();
    await connectReady(h);
    h.last().receive({ type: "unavailable", code: "budget_used_up", reason: "any wording" });
    expect(h.codes.at(-1)).toBe("budget_used_up");
    h.last().serverClose(CLOSE.BUDGET_EXHAUSTED.code, CLOSE.BUDGET_EXHAUSTED.reason);
    expect(h.timers).toHaveLength(0);
    expect(h.states.at(-1)).toEqual(["unavailable", "any wording"]);
    expect(h.codes.at(-1)).toBe("budget_used_up");
    // A close without an `unavailable` first has no code: the UI shows its reason.
    const other = harness();
    await connectReady(other);
    other.last().serverClose(CLOSE.CAPTIONS_DISABLED.code, CLOSE.CAPTIONS_DISABLED.reason);
    expect(other.codes.at(-1)).toBeUndefined();
  });

  it("shows why the token route cannot help yet while it keeps retrying", async () => {
    let calls = 0;
    const h = harness({
      fetchToken: async () => {
        calls += 1;
        if (calls === 1) throw new TokenError("Captions are not set up on this server.", true);
        return { token: "tok", url: "ws://127.0.0.1:1/ws" };
      },
    });
    h.conn.start();
    await flush();
    expect(h.states.at(-1)).toEqual(["unavailable", "Captions are not set up on this server."]);
    await h.fire();
    h.last().open();
    h.last().receive({ type: "ready", sessionId: "s", participantId: "p", provider: "x", language: "en" });
    expect(h.states.at(-1)).toEqual(["ready", undefined]);
  });

  it("stops for good when the token route refuses, and retries when it is only unreachable", async () => {
    let calls = 0;
    const h = harness({
      fetchToken: async () => {
        calls += 1;
        if (calls === 1) throw new Error("network down");
        throw new TokenError("Captions are off for this session.", false);
      },
    });
    h.conn.start();
    await flush();
    expect(h.timers).toHaveLength(1);
    await h.fire();
    expect(h.timers).toHaveLength(0);
    expect(h.states.at(-1)).toEqual(["unavailable", "Captions are off for this session."]);
    expect(h.sockets).toHaveLength(0);
  });

  it("fails over to the next ws instance when its own dies, and re-sends unacknowledged finals there", async () => {
    const urls = ["ws://b:3002", "ws://c:3003", "ws://a:3001"];
    const h = harness({ fetchToken: async () => ({ token: "t", url: "ws://b:3002", urls }) });
    await connectReady(h);
    expect(h.last().url).toBe("ws://b:3002");
    h.last().receive(final("u1"));
    // Instance b killed: the socket drops without a close frame.
    h.last().serverClose(1006);
    await h.fire();
    expect(h.last().url).toBe("ws://c:3003");
    // c refuses the connection too (also 1006 in browsers): on to a.
    h.last().serverClose(1006);
    await h.fire();
    expect(h.last().url).toBe("ws://a:3001");
    h.last().open();
    h.last().receive({ type: "ready", sessionId: "s", participantId: "p", provider: "x", language: "en" });
    expect(h.last().json()[1]).toMatchObject({ type: "resend", finals: [{ utteranceId: "u1" }] });
    // Sticks with the instance that works: a later drop tries the next one after it, wrapping round.
    h.last().serverClose(CLOSE.GOING_AWAY.code);
    await h.fire();
    expect(h.last().url).toBe("ws://b:3002");
  });
});
