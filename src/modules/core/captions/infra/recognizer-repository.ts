import { eq, gt, lt, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { captionRecognizers } from "@/lib/db/schema/recognizers";
import type { CaptionEngine, CaptionLanguages } from "../domain/caption-languages";

/** A ws process's row counts as running while it was refreshed this recently. */
export const RECOGNIZER_FRESH_SECONDS = 45;
// Rows of processes that died without withdrawing (kill -9, a lost machine) are deleted after this.
const FORGET_AFTER_SECONDS = 24 * 3600;

/** Says (again) what this ws process's recognizer serves; also forgets long-dead processes. */
export async function announceRecognizer(db: Executor, instance: string, caps: CaptionLanguages) {
  const row = { engine: caps.engine, languages: [...caps.languages], autoDetect: caps.autoDetect };
  await db
    .insert(captionRecognizers)
    .values({ instance, ...row })
    .onConflictDoUpdate({ target: captionRecognizers.instance, set: { ...row, seenAt: sql`now()` } });
  await db
    .delete(captionRecognizers)
    .where(lt(captionRecognizers.seenAt, sql`now() - make_interval(secs => ${FORGET_AFTER_SECONDS})`));
}

/** A ws process stopping: it no longer serves sessions. */
export async function withdrawRecognizer(db: Executor, instance: string) {
  await db.delete(captionRecognizers).where(eq(captionRecognizers.instance, instance));
}

/** What each running ws process's recognizer serves. */
export async function runningRecognizers(db: Executor): Promise<CaptionLanguages[]> {
  const rows = await db
    .select()
    .from(captionRecognizers)
    .where(gt(captionRecognizers.seenAt, sql`now() - make_interval(secs => ${RECOGNIZER_FRESH_SECONDS})`));
  return rows.map((r) => ({
    engine: r.engine as CaptionEngine,
    languages: r.languages,
    autoDetect: r.autoDetect,
  }));
}
