import type { Executor } from "@/lib/db/client";
import { sessionOffsetMs } from "../domain/transcript-export";
import { listSegmentTimes } from "../infra/transcript-page-repository";

/**
 * When each of `ids` was said, in ms from the session's start (the offsets the transcript page
 * shows), for the analysis's citations; ids that are not the session's finals are left out.
 * The caller has already checked that the viewer may read the transcript.
 */
export async function locateSegments(
  db: Executor,
  input: { session: { id: string; startedAt: Date | null; createdAt: Date }; ids: string[] },
): Promise<Record<string, number>> {
  const origin = input.session.startedAt ?? input.session.createdAt;
  const unique = [...new Set(input.ids)];
  const rows = await listSegmentTimes(db, input.session.id, unique);
  return Object.fromEntries(rows.map((r) => [r.id, sessionOffsetMs(origin, r).startMs]));
}
