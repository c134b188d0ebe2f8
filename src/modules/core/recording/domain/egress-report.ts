import type { RecorderEvent } from "../application/recorder-port";
import { EGRESS_MIME, egressStorageKey, recordingIdOfFile, type EgressOutput } from "./egress-output";

/** An Egress webhook's facts (EgressInfo), as the media server adapter hands them over. */
export type EgressReport = {
  egressId: string;
  /** EgressStatus without its prefix: STARTING, ACTIVE, ENDING, COMPLETE, FAILED, ABORTED, LIMIT_REACHED. */
  status: string;
  error: string;
  files: { filename: string; location: string; durationMs: number; sizeBytes: number }[];
};

/**
 * What an Egress status means for the recording. STARTING only proves Egress is working on it;
 * ACTIVE is "started"; ENDING is the file being finished; COMPLETE (or a time limit reached with a
 * file written) is "ready"; FAILED/ABORTED, or an end without a file, is "failed" with the reason.
 */
export function recorderEventOf(report: EgressReport, at: Date, output: EgressOutput): RecorderEvent | null {
  const file = report.files.find((f) => recordingIdOfFile(f.filename));
  const recordingId = file ? recordingIdOfFile(file.filename) : undefined;
  const ref = { externalId: report.egressId, recordingId, at };
  switch (report.status) {
    case "STARTING":
      return { type: "heartbeat", ...ref };
    case "ACTIVE":
      return { type: "started", ...ref };
    case "ENDING":
      return { type: "processing", ...ref };
    case "COMPLETE":
    case "LIMIT_REACHED":
      if (file && recordingId && file.sizeBytes > 0) {
        return {
          type: "ready",
          ...ref,
          durationMs: file.durationMs,
          sizeBytes: file.sizeBytes,
          storageKey: egressStorageKey(output, recordingId),
          mimeType: EGRESS_MIME,
        };
      }
      return { type: "failed", ...ref, reason: failure(report.error || "it wrote no file") };
    case "FAILED":
      return { type: "failed", ...ref, reason: failure(report.error || "no reason given") };
    case "ABORTED":
      return {
        type: "failed",
        ...ref,
        reason: `The recording was aborted${report.error ? `: ${report.error}` : "."}`,
      };
    default:
      return null;
  }
}

const failure = (why: string) => `The recorder failed: ${why}`;
