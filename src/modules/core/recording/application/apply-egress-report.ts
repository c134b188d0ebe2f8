import type { Executor } from "@/lib/db/client";
import type { EgressOutput } from "../domain/egress-output";
import { recorderEventOf, type EgressReport } from "../domain/egress-report";
import { applyRecorderEvent, type AppliedEvent } from "./apply-recorder-event";

/** An Egress webhook (egress_started / egress_updated / egress_ended) applied to its recording. */
export async function applyEgressReport(
  db: Executor,
  output: EgressOutput,
  input: { report: EgressReport; at: Date },
): Promise<AppliedEvent> {
  const event = recorderEventOf(input.report, input.at, output);
  if (!event) return { applied: false, recording: null };
  return applyRecorderEvent(db, event);
}
