import { describe, expect, it } from "vitest";
import { TokenBucket } from "./token-bucket";

describe("token bucket", () => {
  it("starts full, spends its burst, then refills at its rate up to its capacity", () => {
    const b = new TokenBucket(100, 10);
    expect(b.take(100, 0)).toBe(true);
    expect(b.take(1, 0)).toBe(false);
    expect(b.take(5, 500)).toBe(true);
    expect(b.take(1, 500)).toBe(false);
    expect(b.level(60_000)).toBe(100);
  });

  it("takes all or nothing, or as much as there is", () => {
    const b = new TokenBucket(10, 1);
    expect(b.take(11, 0)).toBe(false);
    expect(b.level(0)).toBe(10);
    expect(b.takeUpTo(25, 0)).toBe(10);
    expect(b.takeUpTo(3, 1_500)).toBe(1);
  });

  it("does not refill when the clock goes backwards", () => {
    const b = new TokenBucket(10, 1);
    b.take(10, 5_000);
    expect(b.level(1_000)).toBe(0);
    expect(b.level(6_000)).toBe(1);
  });
});
