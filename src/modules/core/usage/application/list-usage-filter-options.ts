import type { Executor } from "@/lib/db/client";
import type { SessionUser } from "@/modules/core/identity/domain/user";
import { usageScope } from "../domain/usage-stats";
import { usageFilterOptions } from "../infra/usage-stats-repository";

/** The spaces and providers a usage filter can choose from, within what the caller may see. */
export async function listUsageFilterOptions(
  db: Executor,
  input: { user: SessionUser; adminEmails: readonly string[] },
): Promise<{ spaces: { id: string; name: string }[]; providers: string[] }> {
  return usageFilterOptions(db, usageScope(input.user, input.adminEmails));
}
