/** `npm run db:migrate`: apply drizzle/ migrations to DATABASE_URL (already-applied ones are skipped). */
import fs from "node:fs";
import path from "node:path";
import { createDb } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { errorText } from "./error-text";

process.chdir(path.resolve(import.meta.dirname, ".."));
if (fs.existsSync(".env")) process.loadEnvFile(".env");

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    "DATABASE_URL is not set. Set it to the PostgreSQL database to migrate, e.g.\n" +
      "  DATABASE_URL=postgres://user:pass@host:5432/rooms npm run db:migrate\n" +
      "(`npm start` migrates the embedded database by itself.)",
  );
  process.exit(1);
}

// No statement timeout: a migration on a large table may legitimately run long.
const { db, pool } = createDb(url, { max: 1, statementTimeoutMs: 0 });
try {
  await runMigrations(db);
  console.log(`Migrations applied to ${new URL(url).host}${new URL(url).pathname}.`);
} catch (err) {
  console.error(`Migration failed: ${errorText(err)}`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
