import type { Executor } from "@/lib/db/client";
import { ForbiddenError, UnprocessableError } from "@/modules/core/shared/domain/errors";
import { requireMembership } from "@/modules/core/spaces";
import { canManageSpace } from "@/modules/core/spaces/domain/space";
import {
  GLOSSARY_LIMITS,
  normalizeGlossary,
  type GlossaryProblem,
  type GlossaryView,
} from "../domain/glossary";
import { saveGlossary } from "../infra/glossary-repository";

/**
 * Owners and admins replace the space's glossary with what they typed, normalized (trimmed,
 * de-duplicated in any case); a line that cannot be a term, or too many terms, is refused whole.
 * Streams that open afterwards use it; running ones keep what they opened with.
 */
export async function replaceGlossary(
  db: Executor,
  input: { userId: string; spaceId: string; terms: readonly string[] },
): Promise<GlossaryView> {
  const role = await requireMembership(db, input.spaceId, input.userId);
  if (!canManageSpace(role)) {
    throw new ForbiddenError("forbidden", "Only owners and admins can edit this space's glossary.");
  }
  const { terms, problem } = normalizeGlossary(input.terms);
  if (problem) throw refusal(problem);
  const stored = await saveGlossary(db, { spaceId: input.spaceId, terms, userId: input.userId });
  return { terms: stored.terms, canEdit: true, updatedAt: stored.updatedAt!.toISOString() };
}

function refusal(problem: GlossaryProblem) {
  const { terms, termChars } = GLOSSARY_LIMITS;
  switch (problem.code) {
    case "glossary_too_many_terms":
      return new UnprocessableError(problem.code, `A glossary holds at most ${terms} terms.`, {
        details: { count: problem.count, max: terms },
      });
    case "glossary_term_too_long":
      return new UnprocessableError(problem.code, `Each term must be at most ${termChars} characters.`, {
        details: { index: problem.index, max: termChars },
      });
    case "glossary_term_invalid":
      return new UnprocessableError(
        problem.code,
        "Terms must be plain visible text, without control or invisible characters.",
        { details: { index: problem.index } },
      );
  }
}
