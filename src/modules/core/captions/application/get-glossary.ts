import type { Executor } from "@/lib/db/client";
import { requireMembership } from "@/modules/core/spaces";
import { canManageSpace } from "@/modules/core/spaces/domain/space";
import type { GlossaryView } from "../domain/glossary";
import { findGlossary } from "../infra/glossary-repository";

/** Any member reads the space's glossary (it shapes their captions); owners and admins may edit it. */
export async function getGlossary(
  db: Executor,
  input: { userId: string; spaceId: string },
): Promise<GlossaryView> {
  const role = await requireMembership(db, input.spaceId, input.userId);
  const stored = await findGlossary(db, input.spaceId);
  return {
    terms: stored.terms,
    canEdit: canManageSpace(role),
    updatedAt: stored.updatedAt?.toISOString() ?? null,
  };
}
