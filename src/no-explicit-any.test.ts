import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// eslint.config.mjs forbids `any` in application, ws, recorder and script code (tests/ keep it
// until their replies are parsed with the contracts). Linting a virtual file proves the rule holds.
describe("no explicit any", () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const anys = async (filePath: string, source = "export const probe = (x: any) => x;\n") => {
    const [result] = await eslint.lintText(source, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === "@typescript-eslint/no-explicit-any").length;
  };

  it.each([
    "src/modules/core/sessions/application/any-probe.ts",
    "src/lib/any-probe.ts",
    "src/components/any-probe.tsx",
    "ws/server/any-probe.ts",
    "recorder/any-probe.ts",
    "scripts/any-probe.ts",
    "src/modules/core/sessions/domain/any-probe.test.ts",
  ])("refuses `any` in %s", { timeout: 30_000 }, async (filePath) => {
    expect(await anys(filePath)).toBe(1);
  });

  it("allows `unknown`", { timeout: 30_000 }, async () => {
    expect(await anys("src/lib/any-probe.ts", "export const probe = (x: unknown) => x;\n")).toBe(0);
  });

  it("leaves tests/ alone for now", { timeout: 30_000 }, async () => {
    expect(await anys("tests/integration/any-probe.test.ts")).toBe(0);
  });
});
