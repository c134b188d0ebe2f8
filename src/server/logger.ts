import type { Logger } from "pino";
import { webEnv } from "@/lib/env/web";
import { createLogger } from "@/lib/logger";

let cached: Logger | undefined;

export function log(): Logger {
  cached ??= createLogger("web", webEnv().LOG_LEVEL);
  return cached;
}
