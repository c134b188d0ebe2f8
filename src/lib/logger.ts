import pino, { type Logger } from "pino";
import { describeError } from "./log-error";

/**
 * One pino logger per process. Anything a user said (transcripts) or typed (emails) may only be
 * logged as a tagged field, and those fields are redacted here; errors are logged without values.
 */
export function createLogger(service: string, level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
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
