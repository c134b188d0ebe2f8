import pino, { type Logger } from "pino";

/**
 * One pino logger per process. Anything a user said (transcripts) or typed (emails) may only be
 * logged as a tagged field, and those fields are redacted here.
 */
export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    redact: {
      paths: ["text", "*.text", "transcript", "*.transcript", "email", "*.email"],
      censor: "[redacted]",
    },
  });
}
