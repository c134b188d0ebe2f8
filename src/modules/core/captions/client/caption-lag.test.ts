import { describe, expect, it } from "vitest";
import { LagMeter } from "./caption-lag";

describe("LagMeter", () => {
  it("measures from the chunk holding the final's last audio to now", () => {
    let now = 0;
    const lag = new LagMeter(() => now);
    for (let k = 0; k < 20; k++) lag.sent(1000 + k * 160);
    now = 5000;
    // endMs 800 ends inside chunk 4 (640–800 ms), captured at 1000 + 4 × 160.
    expect(lag.final(800)).toBe(5000 - 1640);
    expect(lag.final(801)).toBe(5000 - 1800);
    expect(lag.final(0)).toBe(4000);
    expect(lag.final(20 * 160 + 1)).toBeNull();
  });

  it("starts a new clock on reconnect with the audio queued while away", () => {
    let now = 10_000;
    const lag = new LagMeter(() => now);
    lag.sent(1);
    lag.reset([9000, 9160]);
    lag.sent(9500);
    now = 12_000;
    expect(lag.final(160)).toBe(3000);
    expect(lag.final(480)).toBe(2500);
  });

  it("forgets old audio once finals pass it, keeping positions right", () => {
    const lag = new LagMeter(() => 1_000_000);
    for (let k = 0; k < 3000; k++) lag.sent(k);
    expect(lag.final(2000 * 160)).toBe(1_000_000 - 1999);
    expect(lag.final(2500 * 160)).toBe(1_000_000 - 2499);
    expect(lag.final(100 * 160)).toBeNull();
  });
});
