import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { eq } from "drizzle-orm";
import pg from "pg";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { tasks } from "@/lib/db/schema/tasks";
import { enqueueAnalysis } from "@/modules/core/analysis/application/enqueue-analysis";
import { applyJobPolicy, startBoss } from "@/modules/core/analysis/infra/analysis-queue";
import { bossQueue } from "@/modules/core/analysis/infra/analysis-worker";
import { markEnded } from "@/modules/core/sessions/infra/session-repository";
import { DURABILITY_POLICY, jobsFor, waitForAnalysis, writeMeeting } from "../support/analysis";
import { seedSpeakers } from "../support/transcription-seed";
import { createLogger } from "@/lib/logger";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Its own database: the worker here must not take jobs of the other test files, nor they its. */
async function freshDatabase(): Promise<string> {
  const admin = new URL(inject("databaseUrl"));
  const name = `rooms_dur_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  admin.pathname = `/${name}`;
  return admin.toString();
}

function startWorker(url: string, stall: boolean): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "tests/support/analysis-worker-child.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, ANALYSIS_TEST_STALL: stall ? "1" : "0", LOG_LEVEL: "silent" },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

describe("analysis durability: the worker killed mid-job", () => {
  let url: string;
  let db: Db;
  let pool: pg.Pool;
  let sender: PgBoss;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    url = await freshDatabase();
    ({ db, pool } = createDb(url, 3));
    await runMigrations(db);
    sender = await startBoss(url, { supervise: false });
    await applyJobPolicy(sender, DURABILITY_POLICY);
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await sender?.stop({ graceful: false });
    await pool?.end();
    const admin = new pg.Client({ connectionString: inject("databaseUrl") });
    await admin.connect();
    await admin.query(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`);
    await admin.end();
  });

  it("after a restart the job completes once, with no duplicate tasks", { timeout: 90_000 }, async () => {
    const [alice, bob] = await seedSpeakers(db, 2);
    const sessionId = alice!.sessionId;
    await writeMeeting(db, sessionId, [
      { participantId: alice!.participantId, text: "Let's go through the launch checklist." },
      { participantId: bob!.participantId, text: "I will send the budget report by Friday." },
      { participantId: alice!.participantId, text: "We decided to move the launch to March." },
      { participantId: bob!.participantId, text: "Alice, can you update the landing page?" },
      { participantId: alice!.participantId, text: "Sure, I'll update the landing page tomorrow." },
    ]);
    expect(await markEnded(db, sessionId, new Date())).toBe(true);
    expect(
      await enqueueAnalysis(db, { queue: bossQueue(sender), log: createLogger("test", "silent") }, sessionId),
    ).toBe(true);

    const first = startWorker(url, true);
    children.push(first);
    await waitForAnalysis(db, sessionId, (r) => r.status === "RUNNING" && r.progress >= 5, 45_000);
    first.kill("SIGKILL");
    await once(first, "exit");
    expect((await jobsFor(db, sessionId)).map((j) => j.state)).toEqual(["active"]);

    const second = startWorker(url, false);
    children.push(second);
    const row = await waitForAnalysis(db, sessionId, (r) => r.status === "DONE", 45_000);
    expect(row.attempts).toBe(2);
    expect(row.actionItems!.length).toBeGreaterThan(0);
    // One job, retried once after its worker died, completed.
    expect((await jobsFor(db, sessionId)).map((j) => [j.state, j.retry_count])).toEqual([["completed", 1]]);
    const made = await db.select().from(tasks).where(eq(tasks.videoSessionId, sessionId));
    expect(made).toHaveLength(row.actionItems!.length);
    expect(new Set(made.map((t) => t.sourceKey)).size).toBe(made.length);

    // A stopped worker exits cleanly.
    second.kill("SIGTERM");
    const [code] = await once(second, "exit");
    expect(code).toBe(0);
  });

  it("boots from its own env: no NEXTAUTH_SECRET or any other web setting", { timeout: 60_000 }, async () => {
    // Only what the worker's env (src/lib/env/analysis.ts) reads, plus PATH for the tools node spawns.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      DATABASE_URL: url,
      LOG_LEVEL: "info",
      NODE_ENV: "test",
    };
    const worker = spawn(process.execPath, ["--import", "tsx", "tests/support/analysis-worker-child.ts"], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(worker);
    let output = "";
    const started = new Promise<boolean>((resolve) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("analysis worker started")) resolve(true);
      };
      worker.stdout!.on("data", read);
      worker.stderr!.on("data", read);
      worker.once("exit", () => resolve(false));
    });
    expect(await started, output).toBe(true);
    worker.kill("SIGTERM");
    const [code] = await once(worker, "exit");
    expect(code).toBe(0);
  });
});
