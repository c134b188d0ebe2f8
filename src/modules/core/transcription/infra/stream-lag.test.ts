import { describe, expect, it } from "vitest";
import { BYTES_PER_SECOND } from "../domain/audio";
import { StreamLag } from "./stream-lag";

const ms = (n: number) => Buffer.alloc((n * BYTES_PER_SECOND) / 1000);

/** A StreamLag whose actions are recorded in order, as a worker would see them. */
function recorded() {
  const events: string[] = [];
  let sent = 0;
  const lag = new StreamLag(
    { inFlightMs: 500, targetMs: 1_000, boundMs: 2_000 },
    {
      send: (pcm) => {
        sent += pcm.length;
        events.push(`send ${(pcm.length * 1000) / BYTES_PER_SECOND}`);
      },
      partials: (on) => events.push(`partials ${on ? "on" : "off"}`),
      gap: (bytes) => events.push(`gap ${(bytes * 1000) / BYTES_PER_SECOND}`),
      status: (state, queuedMs) => events.push(`status ${state} ${queuedMs}`),
    },
  );
  const processedMs = (n: number) => lag.progress((n * BYTES_PER_SECOND) / 1000);
  return { lag, events, sent: () => (sent * 1000) / BYTES_PER_SECOND, processedMs };
}

describe("StreamLag (a stream's lag budget on the local recognizer)", () => {
  it("sends only while the worker has less than its credit unprocessed; the rest waits here", () => {
    const { lag, events, processedMs } = recorded();
    for (let i = 0; i < 5; i++) lag.write(ms(160));
    // 4 × 160 ms: the fourth takes the in-flight audio past 500 ms, the fifth waits
    expect(events).toEqual(["send 160", "send 160", "send 160", "send 160"]);
    expect(lag.queuedMs()).toBe(800);
    processedMs(320);
    expect(events.at(-1)).toBe("send 160");
    expect(lag.queuedMs()).toBe(480);
  });

  it("sheds in order: partials off and 'delayed' past the target, then skip to live audio past the bound, then live again", () => {
    const { lag, events, processedMs, sent } = recorded();
    // the worker stalls: 1.12 s queued is past the 1 s target
    for (let i = 0; i < 7; i++) lag.write(ms(160));
    expect(events.slice(-2)).toEqual(["partials off", "status delayed 1120"]);
    expect(events.filter((e) => e.startsWith("gap"))).toEqual([]);
    // still stalled: past the 2 s bound the held audio (not what is in the pipe) is dropped
    for (let i = 0; i < 6; i++) lag.write(ms(160));
    const gapAt = events.findIndex((e) => e.startsWith("gap"));
    expect(events.slice(gapAt)).toEqual(["gap 1440", "status catching_up 640"]);
    expect(lag.droppedBytes).toBe((1440 * BYTES_PER_SECOND) / 1000);
    expect(sent()).toBe(640);
    expect(lag.queuedMs()).toBe(640);
    // under the target again but not yet past the gap: still catching up, partials still off
    processedMs(480);
    lag.write(ms(160));
    expect(lag.state).toBe("catching_up");
    expect(events).not.toContain("partials on");
    // the worker passed the gap and has little queued: live, partials back
    processedMs(800);
    expect(events.slice(-2)).toEqual(["partials on", "status live 0"]);
  });

  it("does not flap at the target: back to live only at half of it", () => {
    const { lag, events, processedMs } = recorded();
    for (let i = 0; i < 7; i++) lag.write(ms(160));
    expect(lag.state).toBe("delayed");
    processedMs(320); // 800 ms queued: under the target, over half of it
    expect(lag.state).toBe("delayed");
    processedMs(640); // 480 ms queued
    expect(lag.state).toBe("live");
    expect(events.filter((e) => e.startsWith("status"))).toEqual(["status delayed 1120", "status live 480"]);
  });

  it("close flushes what is held to the worker; abandoning counts everything undecoded as dropped", () => {
    const { lag, processedMs, sent } = recorded();
    for (let i = 0; i < 6; i++) lag.write(ms(160));
    expect(sent()).toBe(640);
    lag.flush();
    expect(sent()).toBe(960);
    processedMs(400);
    expect(lag.abandon()).toBe((560 * BYTES_PER_SECOND) / 1000);
    expect(lag.queuedMs()).toBe(0);
  });
});
