import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(os.tmpdir(), "rooms-supervisor-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm run dev` (dev sign-in on by default) with the given overrides; exit code and output. */
async function start(env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, ...env };
  for (const k of ["DATABASE_URL", "AUTH_DEV_LOGIN", "HOST", "NEXTAUTH_URL"]) {
    if (!(k in env)) delete childEnv[k];
  }
  try {
    const out = await run("node", ["--import", "tsx", "scripts/run.ts", "--dev"], {
      cwd: ROOT,
      env: childEnv,
      timeout: 20_000,
    });
    return { code: 0, output: out.stdout + out.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

describe("supervisor with the dev sign-in on", () => {
  it.each([
    [{ HOST: "0.0.0.0" }, /HOST is "0\.0\.0\.0"/],
    [{ HOST: "::" }, /HOST is "::"/],
    [
      { HOST: "127.0.0.1", NEXTAUTH_URL: "https://rooms.example.com" },
      /NEXTAUTH_URL is "https:\/\/rooms\.example\.com"/,
    ],
    [
      { HOST: "0.0.0.0", AUTH_DEV_LOGIN: "true", DATABASE_URL: "postgres://u:p@127.0.0.1:1/x" },
      /loopback bind/,
    ],
  ])("refuses to start with %j, before starting anything", async (env, message) => {
    const { code, output } = await start(env);
    expect(code).toBe(1);
    expect(output).toMatch(/refusing to start: the dev sign-in \(passwordless\)/);
    expect(output).toMatch(message);
    // Nothing was started or written: no database cluster, no generated secrets.
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
