import { describe, expect, it } from "vitest";
import { BYTES_PER_SECOND } from "../domain/audio";
import { StreamLag } from "./stream-lag";

const ms = (n: number) => Buffer.alloc((n * BYTES_PER_SECOND) / 1000);

/**
 * A StreamLag on a fake clock whose actions are recorded in order, as a worker would see them;
 * `speak(n)` writes n chunks of 160 ms, one per 160 ms of the clock, as a live speaker does.
 */
function recorded() {
  const events: string[] = [];
  let sent = 0;
  let clock = 0;
  const lag = new StreamLag(
    { inFlightMs: 500, targetMs: 1_000, boundMs: 2_000 },
    {
      send: (pcm) => {
        sent += pcm.length;
        events.push(`send ${(pcm.length * 1000) / BYTES_PER_SECOND}`);
      },
      partials: (on) => events.push(`partials ${on ? "on" : "off"}`),
      gap: (bytes) => events.push(`gap ${(bytes * 1000) / BYTES_PER_SECOND}`),
      status: (state, lagMs) => events.push(`status ${state} ${lagMs}`),
    },
    () => clock,
  );
  const speak = (chunks: number) => {
    for (let i = 0; i < chunks; i++) {
      lag.write(ms(160));
      clock += 160;
    }
  };
  const processedMs = (n: number) => lag.progress((n * BYTES_PER_SECOND) / 1000);
  const tick = (n: number) => (clock += n);
  return { lag, events, speak, tick, processedMs, sent: () => (sent * 1000) / BYTES_PER_SECOND };
}

describe("StreamLag (a stream's lag budget on the local recognizer)", () => {
  it("sends only while the worker has less than its credit unprocessed; the rest waits here", () => {
    const { lag, events, speak, processedMs } = recorded();
    speak(5);
    // 4 × 160 ms: the fourth takes the in-flight audio past 500 ms, the fifth waits
    expect(events).toEqual(["send 160", "send 160", "send 160", "send 160"]);
    expect(lag.queuedMs()).toBe(800);
    processedMs(320);
    expect(events.at(-1)).toBe("send 160");
    expect(lag.queuedMs()).toBe(480);
  });

  it("the lag is the age of the oldest unprocessed audio: wall time, whatever the amount queued", () => {
    const { lag, speak, processedMs } = recorded();
    speak(3);
    // the worker has not processed the first chunk, written 480 ms ago
    expect(lag.lagMs()).toBe(480);
    processedMs(320);
    expect(lag.lagMs()).toBe(160);
    processedMs(480);
    expect(lag.lagMs()).toBe(0);
  });

  it("sheds in order: partials off and 'delayed' past the target, then skip to live audio past the bound, then live again", () => {
    const { lag, events, speak, processedMs, sent } = recorded();
    // the worker stalls: 1 s after the first chunk its lag passes the 1 s target
    speak(8);
    expect(events.slice(-2)).toEqual(["partials off", "status delayed 1120"]);
    expect(events.filter((e) => e.startsWith("gap"))).toEqual([]);
    // still stalled: past the 2 s bound the held audio (not what is in the pipe) is dropped
    speak(6);
    const gapAt = events.findIndex((e) => e.startsWith("gap"));
    expect(events.slice(gapAt)).toEqual(["gap 1600", "status catching_up 2080"]);
    expect(lag.droppedBytes).toBe((1600 * BYTES_PER_SECOND) / 1000);
    expect(sent()).toBe(640);
    // while the worker is still behind, what comes in is skipped too (live audio only after it)
    speak(1);
    expect(events.at(-1)).toBe("gap 160");
    // the worker passed the gap with nothing left: live again, and the next chunk is sent at once
    processedMs(640);
    expect(events.slice(-2)).toEqual(["partials on", "status live 0"]);
    speak(1);
    expect(events.at(-1)).toBe("send 160");
    expect(lag.state).toBe("live");
  });

  it("a burst after a network stall is 'delayed' while it is decoded, and none of it is shed", () => {
    const { lag, events, processedMs } = recorded();
    // 3.2 s of audio a stalled client flushes at once: it arrived now, but was spoken before now
    for (let i = 0; i < 20; i++) lag.write(ms(160));
    expect(lag.lagMs()).toBe(0);
    // told as soon as the queue ahead of the newest chunk passes the 1 s target
    expect(events.filter((e) => e.startsWith("status"))).toEqual(["status delayed 1120"]);
    expect(events).toContain("partials off");
    processedMs(2_720); // 480 ms left, 320 ahead of the newest chunk: under half the target
    expect(lag.state).toBe("live");
    expect(events.filter((e) => e.startsWith("gap"))).toEqual([]);
    expect(lag.droppedBytes).toBe(0);
  });

  it("does not flap at the target: back to live only at half of it", () => {
    const { lag, events, speak, processedMs } = recorded();
    speak(8);
    expect(lag.state).toBe("delayed");
    processedMs(480); // the oldest unprocessed chunk is now 800 ms old: under the target, over half
    expect(lag.state).toBe("delayed");
    processedMs(800); // 480 ms
    expect(lag.state).toBe("live");
    expect(events.filter((e) => e.startsWith("status"))).toEqual(["status delayed 1120", "status live 480"]);
  });

  it("close does not send the worker held audio that is already past the bound", () => {
    const { lag, events, speak, tick } = recorded();
    speak(5); // 4 chunks sent, 1 held
    tick(3_000); // no progress, nothing new: the worker is stuck and nobody has looked
    lag.flush();
    expect(events.slice(-3)).toEqual(["gap 160", "partials off", "status catching_up 3800"]);
  });

  it("close flushes what is held to the worker; abandoning counts everything undecoded as dropped", () => {
    const { lag, speak, processedMs, sent } = recorded();
    speak(6);
    expect(sent()).toBe(640);
    lag.flush();
    expect(sent()).toBe(960);
    processedMs(400);
    expect(lag.abandon()).toBe((560 * BYTES_PER_SECOND) / 1000);
    expect(lag.queuedMs()).toBe(0);
    expect(lag.lagMs()).toBe(0);
  });
});
