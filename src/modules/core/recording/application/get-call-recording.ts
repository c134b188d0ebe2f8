import type { Executor } from "@/lib/db/client";
import { findCallRecording, type CallRecordingRow } from "../infra/call-recording-repository";

export type CallRecording = CallRecordingRow;

/**
 * For the session page, after `getSession` let the viewer see the session: whether recording is
 * allowed, and whether the call is being recorded right now (told before joining, as consent asks).
 */
export async function getCallRecording(db: Executor, input: { slug: string }): Promise<CallRecording> {
  return (await findCallRecording(db, input.slug)) ?? { recordingAllowed: false, active: null };
}
