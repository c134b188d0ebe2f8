import { Writable } from "node:stream";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it, vi } from "vitest";
import { createLogger } from "@/lib/logger";

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString());
    done();
  },
});
vi.mock("@/server/logger", () => ({ log: () => createLogger("web", "info", sink) }));

const { authLogger } = await import("./auth-logger");

describe("NextAuth's logger", () => {
  it("logs a failed sign-in query without its parameters", () => {
    const email = "victim@example.test";
    const err = new DrizzleQueryError("select * from users where email = $1", [email]);
    authLogger.error("SIGNIN_OAUTH_ERROR", { error: err, providerId: "oidc", message: err.message });
    authLogger.error("JWT_SESSION_ERROR", err);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain(email);
      expect(JSON.parse(line).err.type).toBe("DrizzleQueryError");
    }
    expect(JSON.parse(lines[0]!).code).toBe("SIGNIN_OAUTH_ERROR");
  });
});
