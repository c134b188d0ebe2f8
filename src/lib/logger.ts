import pino, { type Logger } from "pino";
import { describeError } from "./log-error";

/**
 * One pino logger per process. Anything a user said (transcripts) or typed (emails) may only be
 * logged as a tagged field, and those fields are redacted here; errors are logged without values.
 */
export function createLogger(
  service: string,
  level: string,
  destination?: pino.DestinationStream,
  // Called with the `err` of every error-level entry, e.g. to report it to monitoring.
  opts: { onError?: (err: Error) => void } = {},
): Logger {
  const { onError } = opts;
  return pino(
    {
      level,
      base: { service },
      ...(onError && {
        hooks: {
          logMethod(args, method, levelValue) {
            const first: unknown = args[0];
            const err = first && typeof first === "object" ? (first as { err?: unknown }).err : undefined;
            if (levelValue >= pino.levels.values.error! && err instanceof Error) onError(err);
            return method.apply(this, args);
          },
        },
      }),
      // `{ err }` anywhere (web or ws) goes through this: no query parameters or row values.
      serializers: { err: describeError },
      redact: {
        paths: ["text", "*.text", "transcript", "*.transcript", "email", "*.email"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
