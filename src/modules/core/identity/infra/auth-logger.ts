import type { LoggerInstance } from "next-auth";
import { log } from "@/server/logger";

/** NextAuth passes an Error, or an object with the Error under `error`. */
function errorIn(metadata: unknown): unknown {
  if (metadata instanceof Error) return metadata;
  const nested = (metadata as { error?: unknown } | null)?.error;
  return nested instanceof Error ? nested : undefined;
}

/**
 * NextAuth's default logger prints errors whole to the console, and a failed sign-in query's
 * message lists its parameters (emails, names). This one goes through the app's logger, whose
 * `err` serializer keeps class, code and SQLSTATE only.
 */
export const authLogger: LoggerInstance = {
  error: (code, metadata) => log().error({ code, err: errorIn(metadata) }, "sign-in error"),
  warn: (code) => log().warn({ code }, "sign-in warning"),
  debug: () => {},
};
