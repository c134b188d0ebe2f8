import { describe, expect, it } from "vitest";
import { fuzzApi, writeRoutes } from "../../scripts/fuzz/api-fuzz";

/**
 * The bounded run of `npm run fuzz:api` (same code, fewer cases): hostile bodies, content types
 * and path params to every write route. FUZZ_SEED replays another seed.
 */
describe("API fuzz (bounded)", () => {
  const seed = Number(process.env.FUZZ_SEED ?? 14);

  it("finds every write route on disk", async () => {
    const routes = (await writeRoutes()).map((r) => `${r.methods.join(",")} ${r.template}`);
    expect(routes).toContain("POST,DELETE /api/profile/avatar");
    expect(routes).toContain("PATCH,DELETE /api/spaces/[spaceId]/tasks/[taskId]");
    expect(routes.some((r) => r.includes("GET"))).toBe(false);
  });

  it(
    `answers ${300} hostile requests without a 5xx, only with the error envelope (seed ${seed})`,
    { timeout: 180_000 },
    async () => {
      const result = await fuzzApi({ seed, cases: 300 });
      const shown = result.failures.map(
        (f) => `#${f.index} ${f.why}: ${f.request} → ${f.status} ${f.response}`,
      );
      expect(shown, `seed ${seed}`).toEqual([]);
      expect(result.healthAfter).toBe(200);
      // The cases reached past the front door: some bodies were refused for their shape, some accepted.
      expect(result.statuses[422]).toBeGreaterThan(0);
      expect(Object.keys(result.statuses).some((s) => Number(s) < 300)).toBe(true);
    },
  );
});
