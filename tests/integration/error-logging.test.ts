import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { users } from "@/lib/db/schema/identity";
import { createLogger } from "@/lib/logger";
import { uniqueEmail } from "../support/api";

/** A logger at info level whose JSON lines land in `lines`. */
function capture() {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger("test", "info", out), lines };
}

describe("logging a failed query", () => {
  it("keeps the class, SQLSTATE and constraint, never the parameters or the row", async () => {
    const email = uniqueEmail("secret-person");
    const name = "Zelda Confidential";
    await getDb().insert(users).values({ email, name });
    // A real unique violation from PostgreSQL: drizzle's message lists the params, pg's detail
    // repeats the email.
    const err = await getDb()
      .insert(users)
      .values({ email, name })
      .then(() => null)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).toContain(email);

    const { log, lines } = capture();
    log.error({ err }, "unhandled error in route");
    const logged = lines.join("");
    expect(logged).not.toContain(email);
    expect(logged).not.toContain(name);
    const entry = JSON.parse(logged);
    expect(entry.err).toMatchObject({
      type: "DrizzleQueryError",
      cause: { sqlState: "23505", table: "users", constraint: expect.stringContaining("email") },
    });
    expect(entry.err.stack).toMatch(/^\s+at /);
  });

  it("blanks quoted values in PostgreSQL's own message", async () => {
    const err = await getDb()
      .execute("select 'alice@example.test'::uuid")
      .catch((e: unknown) => e);
    const { log, lines } = capture();
    log.error({ err }, "failed");
    expect(lines.join("")).not.toContain("alice@example.test");
    expect(JSON.parse(lines.join("")).err.cause.sqlState).toBe("22P02");
  });
});
