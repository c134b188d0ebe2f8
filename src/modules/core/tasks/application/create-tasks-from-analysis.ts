import type { Executor } from "@/lib/db/client";
import type { ActionItem } from "@/lib/db/schema/analysis";
import { draftsFromActionItems } from "../domain/task";
import { existingSegmentIds, insertTasksIgnoringExisting, memberUserIds } from "../infra/task-repository";

export type CreateTasksFromAnalysisInput = {
  spaceId: string;
  videoSessionId: string;
  sessionAnalysisId: string;
  createdByUserId: string | null;
  actionItems: ActionItem[];
};

/**
 * Turns a finished analysis's action items into the space's tasks. Keyed on (session, item key)
 * with "on conflict do nothing": a re-run adds only items it did not produce before and leaves
 * every task people already edited, moved or reassigned as it is.
 */
export async function createTasksFromAnalysis(
  db: Executor,
  input: CreateTasksFromAnalysisInput,
): Promise<{ created: number }> {
  const drafts = draftsFromActionItems(input.actionItems);
  if (drafts.length === 0) return { created: 0 };

  // An owner who left the space (or was never in it) is not assigned: tasks go to members only.
  const owners = [...new Set(drafts.flatMap((d) => (d.ownerUserId ? [d.ownerUserId] : [])))];
  const members = await memberUserIds(db, input.spaceId, owners);
  // Evidence ids come from the analyzer; only segments of this session may be linked.
  const segments = await existingSegmentIds(
    db,
    input.videoSessionId,
    drafts.flatMap((d) => d.segmentIds),
  );

  const created = await insertTasksIgnoringExisting(
    db,
    drafts.map((d) => ({
      spaceId: input.spaceId,
      videoSessionId: input.videoSessionId,
      sessionAnalysisId: input.sessionAnalysisId,
      createdByUserId: input.createdByUserId,
      title: d.title,
      description: d.description,
      assigneeUserId: d.ownerUserId && members.has(d.ownerUserId) ? d.ownerUserId : null,
      dueAt: d.dueAt,
      segmentId: d.segmentIds.find((id) => segments.has(id)) ?? null,
      sourceKey: d.key,
    })),
  );
  return { created };
}
