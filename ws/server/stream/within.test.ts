import { describe, expect, it } from "vitest";
import { within } from "./within";

describe("within", () => {
  it("gives the value, or a named timeout", async () => {
    await expect(within(Promise.resolve(4), 50, "x")).resolves.toBe(4);
    await expect(within(new Promise(() => {}), 20, "provider close")).rejects.toThrow(
      "provider close timed out after 20 ms",
    );
  });
});
