import { describe, expect, it } from "vitest";
import { failoverUrl, orderWsUrls } from "./ws-urls";

const urls = ["ws://a:3001", "ws://b:3002", "ws://c:3003"];

describe("orderWsUrls", () => {
  it("rotates the list to a pick that is stable per key and spreads keys over instances", () => {
    const firsts = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const order = orderWsUrls(urls, `participant-${i}`);
      expect(order).toEqual(orderWsUrls(urls, `participant-${i}`));
      expect([...order].sort()).toEqual(urls);
      // A rotation: the fallbacks follow the pick in configured order.
      const [first = ""] = order;
      const start = urls.indexOf(first);
      expect(order).toEqual([...urls.slice(start), ...urls.slice(0, start)]);
      firsts.add(first);
    }
    expect(firsts).toEqual(new Set(urls));
  });

  it("handles one URL and none", () => {
    expect(orderWsUrls(["ws://a:1"], "x")).toEqual(["ws://a:1"]);
    expect(orderWsUrls([], "x")).toEqual([]);
  });
});

describe("failoverUrl", () => {
  it("walks from the picked URL through the alternatives and wraps around", () => {
    const seen = [0, 1, 2, 3, 4].map((n) => failoverUrl("ws://b:3002", urls, n));
    expect(seen).toEqual(["ws://b:3002", "ws://c:3003", "ws://a:3001", "ws://b:3002", "ws://c:3003"]);
  });

  it("with no list (an older server) always uses the one URL", () => {
    expect(failoverUrl("ws://a:1", undefined, 5)).toBe("ws://a:1");
    expect(failoverUrl("ws://a:1", [], 2)).toBe("ws://a:1");
  });

  it("puts a picked URL missing from the list first", () => {
    expect(failoverUrl("ws://z:9", ["ws://a:1"], 1)).toBe("ws://a:1");
    expect(failoverUrl("ws://z:9", ["ws://a:1"], 2)).toBe("ws://z:9");
  });
});
