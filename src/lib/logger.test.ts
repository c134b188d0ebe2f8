import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, stream };
}

describe("createLogger onError", () => {
  it("hands the err of error and fatal entries to onError, and still logs them", () => {
    const seen: Error[] = [];
    const { lines, stream } = sink();
    const log = createLogger("t", "info", stream, { onError: (e) => seen.push(e) });
    const a = new Error("a");
    const b = new Error("b");
    log.error({ err: a }, "failed");
    log.fatal({ err: b }, "died");
    log.warn({ err: new Error("w") }, "warned");
    log.error("no err here");
    log.error({ err: "not an Error" }, "odd");
    expect(seen).toEqual([a, b]);
    expect(lines.some((l) => l.includes('"msg":"failed"'))).toBe(true);
  });

  it("adds no hook without onError", () => {
    const { lines, stream } = sink();
    createLogger("t", "info", stream).error({ err: new Error("x") }, "plain");
    expect(lines.some((l) => l.includes('"msg":"plain"'))).toBe(true);
  });
});
