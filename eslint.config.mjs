import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/** Framework, UI and route-handler imports the plain Node processes (ws, recorder) may not make. */
const nodeProcessPatterns = [
  {
    group: ["next", "next/*", "next-auth*", "react*"],
    message: "The ws process must not depend on Next, NextAuth or React.",
  },
  {
    group: [
      "@/app/**",
      "@/components/**",
      "@/server/**",
      "@/modules/*/*/api/**",
      "**/src/app/**",
      "**/src/components/**",
      "**/src/server/**",
      "**/src/modules/*/*/api/**",
    ],
    message:
      "The ws process must not import pages, components, web wiring or route handlers; use application code.",
  },
];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      // Config is read once, validated, per process (src/lib/env/*); nothing else reads process.env.
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read config through src/lib/env (webEnv / wsEnv)." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "ExportAllDeclaration",
          message: "No `export *` barrels: import from the defining module.",
        },
      ],
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    // Env modules, process supervisors, build config and tests are where environment is read or set.
    files: ["src/lib/env/**", "scripts/**", "tests/**", "*.config.*", "ws/server/env.ts", "recorder/env.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // The ws and recorder processes run outside Next: they may use domain, application and infra
    // code, but no framework, UI or HTTP-route code (which would drag Next and React into a plain
    // Node server).
    files: ["ws/**", "recorder/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: nodeProcessPatterns,
        },
      ],
    },
  },
  {
    // ws/server's top level is its composition root (env, provider choice, wiring). The folders below
    // it (transport, stream, services, ops) get what they need as arguments and never read config.
    files: ["ws/server/transport/**", "ws/server/stream/**", "ws/server/services/**", "ws/server/ops/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...nodeProcessPatterns,
            {
              regex: "^(\\.\\./)+(env|main|run-process|providers|server)$|^@/lib/env/|/src/lib/env/",
              message:
                "Below ws/server's composition root: take config and adapters as arguments (see run-process.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    // The shared kernel (db, schema, env rules, logger, rate limits, monitoring) serves every process:
    // it knows no framework, no web wiring (src/server) and no module beyond the shared domain.
    files: ["src/lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["next", "next/*", "next-auth*", "react*", "@/app/**", "@/components/**", "@/server/**"],
              message: "src/lib is the shared kernel: Next, React and web wiring belong in src/server.",
            },
            {
              regex: "^@/modules/(?!core/shared/)",
              message: "src/lib may use only the shared domain; module code depends on lib, not the reverse.",
            },
          ],
        },
      ],
    },
  },
  { ignores: [".next/**", "node_modules/**", ".data/**", "drizzle/**", "next-env.d.ts"] },
];

export default config;
