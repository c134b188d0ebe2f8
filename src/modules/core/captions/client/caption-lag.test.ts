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
    lag.heard(3000 * 160);
    expect(lag.final(2000 * 160)).toBe(1_000_000 - 1999);
    expect(lag.final(2500 * 160)).toBe(1_000_000 - 2499);
    expect(lag.final(100 * 160)).toBeNull();
  });

  it("keeps audio the server has not heard of, however far finals go", () => {
    const lag = new LagMeter(() => 1_000_000);
    for (let k = 0; k < 3000; k++) lag.sent(k);
    lag.heard(1500 * 160);
    expect(lag.final(2000 * 160)).toBe(1_000_000 - 1999);
    // Nothing past what was heard was forgotten: the unheard age still finds chunk 1500.
    expect(lag.unheardAge()).toBe(1_000_000 - 1500);
  });

  it("ages the oldest audio sent and not yet heard of; heard audio is no longer behind", () => {
    let now = 0;
    const lag = new LagMeter(() => now);
    expect(lag.unheardAge()).toBe(0);
    for (let k = 0; k < 10; k++) lag.sent(k * 160);
    now = 1600;
    expect(lag.unheardAge()).toBe(1600);
    // 1000 ms heard: chunks 0–5 (960 ms) whole; chunk 6 (captured at 960) is the oldest unheard.
    lag.heard(1000);
    expect(lag.unheardAge()).toBe(640);
    // A late, smaller figure never moves it back.
    lag.heard(160);
    expect(lag.unheardAge()).toBe(640);
    lag.heard(1600);
    expect(lag.unheardAge()).toBe(0);
    lag.reset([]);
    expect(lag.unheardAge()).toBe(0);
  });
});
