import { describe, expect, it, vi } from "vitest";
import { singleton } from "./singleton";

describe("singleton", () => {
  it("builds a name once; later calls get the first value, even from a reloaded module", async () => {
    const build = vi.fn(() => ({ pool: "first" }));
    const first = singleton("singleton-test", build);
    expect(singleton("singleton-test", () => ({ pool: "second" }))).toBe(first);
    // A dev-mode reload evaluates the module again: its store is still the process's.
    vi.resetModules();
    const reloaded = await import("./singleton");
    expect(reloaded.singleton("singleton-test", () => ({ pool: "third" }))).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
  });
});
