import type { Db } from "@/lib/db/client";
import { deps } from "./deps";

/** The web process's pool (`deps().db`), for pages; route handlers use `ctx.deps.db`. */
export function getDb(): Db {
  return deps().db;
}
