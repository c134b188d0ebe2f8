import type { Logger } from "pino";
import { webEnv } from "@/lib/env/web";
import { createLogger } from "@/lib/logger";
import { singleton } from "./singleton";

/** The web process's logger (the composition root hands the same one out as `deps.log`). */
export function log(): Logger {
  return singleton("logger", () => createLogger("web", webEnv().LOG_LEVEL));
}
