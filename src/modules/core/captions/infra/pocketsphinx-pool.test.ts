import { describe, expect, it } from "vitest";
import { placeStream } from "./pocketsphinx-pool";

describe("placeStream (which PocketSphinx worker takes a new stream)", () => {
  it("goes by queued audio seconds, not by stream count", () => {
    // worker 0 has fewer streams but one of them is 3 s behind; worker 1's four are keeping up
    expect(
      placeStream(
        [
          { queuedMs: 3_000, streams: 1 },
          { queuedMs: 400, streams: 4 },
        ],
        5_000,
      ),
    ).toBe(1);
  });

  it("breaks ties by stream count, so idle connections still spread; an empty slot is an idle worker", () => {
    expect(
      placeStream(
        [
          { queuedMs: 0, streams: 3 },
          { queuedMs: 0, streams: 1 },
        ],
        5_000,
      ),
    ).toBe(1);
    expect(placeStream([{ queuedMs: 0, streams: 1 }, null], 5_000)).toBe(1);
    expect(placeStream([null, null], 5_000)).toBe(0);
  });

  it("is busy (null) only when even the least queued worker is over the bound", () => {
    const over = { queuedMs: 5_001, streams: 2 };
    expect(placeStream([over, over], 5_000)).toBeNull();
    expect(placeStream([over, { queuedMs: 4_999, streams: 9 }], 5_000)).toBe(1);
    expect(placeStream([over, null], 5_000)).toBe(1);
  });
});
