import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// Domain and application code take their ports as arguments: eslint.config.mjs forbids them the
// web wiring (src/server), configuration (src/lib/env) and the *-from-env factories. Linting a
// virtual file in each layer proves the rule is in force.
describe("domain/application layer boundary", () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const restricted = async (source: string, filePath: string) => {
    const [result] = await eslint.lintText(`${source}\nexport const used = probe;\n`, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports")
      .length;
  };
  const application = "src/modules/core/sessions/application/boundary-probe.ts";
  const domain = "src/modules/core/sessions/domain/boundary-probe.ts";

  it.each([
    'import { deps as probe } from "@/server/deps";',
    'import { getDb as probe } from "@/server/db";',
    'import { log as probe } from "@/server/logger";',
    'import { route as probe } from "@/server/http/route";',
    'import { getDb as probe } from "../../../../server/db";',
    'import { webEnv as probe } from "@/lib/env/web";',
    'import { webEnv as probe } from "../../../../lib/env/web";',
    'import { llmFields as probe } from "@/lib/env/analysis";',
    'import { mediaServerFromEnv as probe } from "@/modules/core/sessions/infra/media-server-from-env";',
    'import { mediaServerFromEnv as probe } from "../infra/media-server-from-env";',
    'import { recorderFromEnv as probe } from "@/modules/core/recording/infra/recorder-from-env";',
  ])("refuses %s", { timeout: 30_000 }, async (source) => {
    expect(await restricted(source, application)).toBe(1);
    expect(await restricted(source, domain)).toBe(1);
  });

  it.each([
    'import type { Db as probe } from "@/lib/db/client";',
    'import { closeRoom as probe } from "./close-room";',
    'import { AppError as probe } from "@/modules/core/shared/domain/errors";',
  ])("allows %s", { timeout: 30_000 }, async (source) => {
    expect(await restricted(source, application)).toBe(0);
  });

  it("leaves infra, api and tests alone", { timeout: 30_000 }, async () => {
    const source = 'import { webEnv as probe } from "@/lib/env/web";';
    expect(await restricted(source, "src/modules/core/sessions/infra/boundary-probe.ts")).toBe(0);
    expect(await restricted(source, "src/modules/core/sessions/api/boundary-probe.ts")).toBe(0);
    expect(await restricted(source, "src/modules/core/sessions/application/boundary-probe.test.ts")).toBe(0);
  });
});
