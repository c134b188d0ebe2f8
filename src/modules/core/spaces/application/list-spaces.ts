import type { Executor } from "@/lib/db/client";
import type { SpaceSummary } from "../domain/space";
import { listSpacesForUser } from "../infra/space-repository";

export function listSpaces(db: Executor, userId: string): Promise<SpaceSummary[]> {
  return listSpacesForUser(db, userId);
}
