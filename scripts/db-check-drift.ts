/**
 * `npm run db:check`: fails when the TypeScript schema (src/lib/db/schema) and the committed
 * migrations (drizzle/) disagree, i.e. someone changed the schema without `npm run db:generate`.
 *
 * It runs `drizzle-kit generate` into a throw-away copy of drizzle/: any file generate adds
 * there is a migration the repository is missing. Then `drizzle-kit check` validates the real
 * folder's snapshots (collisions between migrations made on parallel branches).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const MIGRATIONS = path.join(ROOT, "drizzle");
const DRIZZLE_KIT = path.join(ROOT, "node_modules", ".bin", "drizzle-kit");
// A rename in the schema makes generate ask interactively; in CI that would hang forever.
const KIT_TIMEOUT_MS = 120_000;
// drizzle-kit 0.31 exits 0 even when it throws, so success is judged by what it prints.
const GENERATE_OK = /No schema changes|Your SQL migration file/;
const CHECK_OK = /Everything's fine/;

function listFiles(dir: string, base = dir): Map<string, string> {
  const files = new Map<string, string>();
  if (!fs.existsSync(dir)) return files;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) for (const [k, v] of listFiles(full, base)) files.set(k, v);
    else files.set(path.relative(base, full), fs.readFileSync(full, "utf8"));
  }
  return files;
}

function kit(args: string[], env: NodeJS.ProcessEnv, success: RegExp): { ok: boolean; output: string } {
  const res = spawnSync(DRIZZLE_KIT, args, {
    cwd: ROOT,
    env: { ...env, FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    timeout: KIT_TIMEOUT_MS,
  });
  const output = `${res.stdout ?? ""}${res.stderr ?? ""}`.trim();
  if (res.error) return { ok: false, output: `${output}\n${res.error.message}`.trim() };
  return { ok: res.status === 0 && success.test(output), output };
}

function main(): number {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rooms-drift-"));
  try {
    const out = path.join(tmp, "drizzle");
    fs.cpSync(MIGRATIONS, out, { recursive: true });
    const before = listFiles(out);

    // Relative on purpose: drizzle-kit 0.31 prefixes "./" to the out path when reading existing
    // snapshots, which turns an absolute path into a missing one.
    const gen = kit(["generate"], { ...process.env, DRIZZLE_OUT: path.relative(ROOT, out) }, GENERATE_OK);
    if (!gen.ok) {
      console.error(
        `db:check: drizzle-kit generate failed; if it asks about a rename, the schema drifted: run \`npm run db:generate\` in a terminal.\n${gen.output}`,
      );
      return 1;
    }
    const after = listFiles(out);
    const added = [...after.keys()].filter((f) => !before.has(f));
    const changed = [...after.keys()].filter((f) => before.has(f) && before.get(f) !== after.get(f));
    if (added.length > 0 || changed.length > 0) {
      console.error("db:check: the schema in src/lib/db/schema has changes with no migration in drizzle/.");
      for (const f of added) console.error(`  new:     drizzle/${f}`);
      for (const f of changed) console.error(`  changed: drizzle/${f}`);
      const sql = added.filter((f) => f.endsWith(".sql"));
      for (const f of sql) console.error(`\n--- ${f} ---\n${after.get(f)}`);
      console.error("Run `npm run db:generate` and commit the new migration.");
      return 1;
    }

    const realEnv = { ...process.env };
    delete realEnv.DRIZZLE_OUT;
    const check = kit(["check"], realEnv, CHECK_OK);
    if (!check.ok) {
      console.error(`db:check: drizzle-kit check failed on drizzle/:\n${check.output}`);
      return 1;
    }
    console.log(`db:check: OK — schema matches the ${countMigrations()} committed migration(s) in drizzle/.`);
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function countMigrations(): number {
  return fs.readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql")).length;
}

process.exit(main());
