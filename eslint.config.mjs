import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

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
      // Unknown values are `unknown` and narrowed; a type is never switched off with `any`.
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // Tests still read some replies loosely (`json: any`) until they parse them with the contracts.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
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
          patterns: [
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
