import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The ws process must stay a plain Node server: eslint.config.mjs forbids framework, UI and
// route-handler imports under ws/. Linting a virtual file there proves the rule is in force.
describe("ws import boundary", () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const restricted = async (source: string, filePath = "ws/server/boundary-probe.ts") => {
    const [result] = await eslint.lintText(`${source}\nexport const used = probe;\n`, { filePath });
    return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").length;
  };

  it.each([
    'import probe from "next";',
    'import { NextResponse as probe } from "next/server";',
    'import probe from "next-auth";',
    'import { getServerSession as probe } from "next-auth/next";',
    'import probe from "react";',
    'import { createRoot as probe } from "react-dom/client";',
    'import { GET as probe } from "@/app/api/health/route";',
    'import { Button as probe } from "@/components/ui/button";',
    'import { sessionEndpoints as probe } from "@/modules/core/sessions/api/session-endpoints";',
    'import { sessionEndpoints as probe } from "../../src/modules/core/sessions/api/session-endpoints";',
    'import { Button as probe } from "../../src/components/ui/button";',
    'import { getDb as probe } from "@/server/db";',
  ])("refuses %s", { timeout: 30_000 }, async (source) => {
    expect(await restricted(source)).toBe(1);
  });

  it.each([
    'import { createDb as probe } from "@/lib/db/client";',
    'import { joinSession as probe } from "@/modules/core/sessions/application/join-session";',
    'import probe from "ws";',
  ])("allows %s", { timeout: 30_000 }, async (source) => {
    expect(await restricted(source)).toBe(0);
  });

  // ws/server's top level is its composition root: the folders below it take config and adapters
  // as arguments, and still keep the process-wide rules above.
  it.each([
    ['import { loadWsEnv as probe } from "../env";', "ws/server/transport/boundary-probe.ts", 1],
    ['import { loadWsEnv as probe } from "../../env";', "ws/server/stream/vad/boundary-probe.ts", 1],
    ['import { chooseProvider as probe } from "../providers";', "ws/server/services/boundary-probe.ts", 1],
    ['import { runProcess as probe } from "../run-process";', "ws/server/ops/boundary-probe.ts", 1],
    [
      'import { startTranscriptionServer as probe } from "../server";',
      "ws/server/stream/boundary-probe.ts",
      1,
    ],
    ['import { sttProvider as probe } from "@/lib/env/fields";', "ws/server/stream/boundary-probe.ts", 1],
    [
      'import { sttProvider as probe } from "../../../src/lib/env/fields";',
      "ws/server/ops/boundary-probe.ts",
      1,
    ],
    ['import probe from "react";', "ws/server/transport/boundary-probe.ts", 1],
    ['import { SETTINGS as probe } from "../settings";', "ws/server/transport/boundary-probe.ts", 0],
    ['import { frameProblem as probe } from "../transport/frames";', "ws/server/stream/boundary-probe.ts", 0],
    ['import { createDb as probe } from "@/lib/db/client";', "ws/server/services/boundary-probe.ts", 0],
    // The root itself reads env and builds the adapters.
    ['import { sttProvider as probe } from "@/lib/env/fields";', "ws/server/boundary-probe.ts", 0],
  ])(
    "ws/server below the root: %s in %s → %i restriction(s)",
    { timeout: 30_000 },
    async (source, file, expected) => {
      expect(await restricted(source, file)).toBe(expected);
    },
  );

  // The shared kernel serves web, ws and scripts alike, so it must not reach into modules or web wiring.
  it.each([
    ['import { joinSession as probe } from "@/modules/core/sessions/application/join-session";', 1],
    ['import { getDb as probe } from "@/server/db";', 1],
    ['import { NextResponse as probe } from "next/server";', 1],
    ['import { AppError as probe } from "@/modules/core/shared/domain/errors";', 0],
  ])("src/lib: %s → %i restriction(s)", { timeout: 30_000 }, async (source, expected) => {
    expect(await restricted(source, "src/lib/boundary-probe.ts")).toBe(expected);
  });

  // The local recorder (recorder/) is a plain Node process under the same rule.
  it.each([
    ['import probe from "next";', 1],
    ['import { getDb as probe } from "@/server/db";', 1],
    ['import { Button as probe } from "@/components/ui/button";', 1],
    ['import { createDb as probe } from "@/lib/db/client";', 0],
  ])("recorder/: %s → %i restriction(s)", { timeout: 30_000 }, async (source, expected) => {
    expect(await restricted(source, "recorder/boundary-probe.ts")).toBe(expected);
  });

  it("leaves the web side alone", { timeout: 30_000 }, async () => {
    expect(await restricted('import probe from "react";', "src/components/boundary-probe.tsx")).toBe(0);
  });
});
