import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { readdirSync } from "node:fs";

// Module doors. A module's infra/ (adapters, repositories), application/ (use-cases, ports) and api/
// (route handlers) are its own:
// other modules and pages use what its index.ts names (`@/modules/core/<module>`); pure domain/
// code, the captions browser client and a module's HTTP contract (`api/contract.ts`: request and
// reply schemas shared by handler, browser and tests) may be imported directly. The `*-from-env` factories are
// wiring that part 1 of issue 17 moves into the composition roots; until then they are exempt.
const MODULES = readdirSync(new URL("./src/modules/core", import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const DOOR_MESSAGE = "Import another module through its door (@/modules/core/<module>, its index.ts).";
const foreignInternals = (own) => [
  {
    regex: `^@/modules/core/(?!${own}/)[^/]+/(api/(?!contract$)|application/|infra/(?![^/]*-from-env$))`,
    message: DOOR_MESSAGE,
  },
  {
    regex: `^(\\.\\./){2,}(?!${own}/)[a-z-]+/(api/(?!contract$)|application/|infra/)`,
    message: DOOR_MESSAGE,
  },
];
const moduleDoors = MODULES.map((own) => ({
  files: [`src/modules/core/${own}/**`],
  rules: { "no-restricted-imports": ["error", { patterns: foreignInternals(own) }] },
}));

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
  ...moduleDoors,
  {
    // Pages and the browser code are no module's insiders: route files re-export a module's
    // handlers (api/), everything else goes through the door.
    files: ["src/app/**", "src/components/**"],
    ignores: ["src/app/api/**/route.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: foreignInternals("") }] },
  },
  {
    files: ["src/app/api/**/route.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@/modules/core/[^/]+/infra/",
              message: "A route file re-exports a handler from api/.",
            },
          ],
        },
      ],
    },
  },
  {
    // Domain and application code receive their ports as arguments: they never build them from
    // configuration or reach for the web process's wiring (its composition root is src/server/deps.ts).
    // Its own rule name (the TypeScript one) so it adds to, rather than replaces, the module rules
    // that use no-restricted-imports.
    files: ["src/modules/**/domain/**", "src/modules/**/application/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/**"],
              message: "Domain and application code take ports as arguments; web wiring lives in src/server.",
            },
            {
              regex: "^(\\.\\./)+(src/)?server/",
              message: "Domain and application code take ports as arguments; web wiring lives in src/server.",
            },
            {
              group: ["@/lib/env", "@/lib/env/**", "**/lib/env/**"],
              message: "Domain and application code do not read configuration: the composition root does.",
            },
            {
              group: ["**/*-from-env"],
              message:
                "Only a composition root builds adapters from configuration; take the port as an argument.",
            },
          ],
        },
      ],
    },
  },
  { ignores: [".next/**", "node_modules/**", ".data/**", "drizzle/**", "next-env.d.ts"] },
];

export default config;
