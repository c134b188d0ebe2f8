import { EgressStatus, type EgressInfo } from "livekit-server-sdk";
import type { EgressReport } from "../domain/egress-report";

const NS_PER_MS = BigInt(1_000_000);

/**
 * An EgressInfo as the recording module reads it: what an egress webhook carries and what
 * `ListEgress` answers go through this one mapping (then `recorderEventOf`).
 */
export function egressReportOf(info: EgressInfo): EgressReport {
  return {
    egressId: info.egressId,
    status: (EgressStatus[info.status] ?? String(info.status)).replace(/^EGRESS_/, ""),
    error: info.error,
    files: info.fileResults.map((f) => ({
      filename: f.filename,
      location: f.location,
      // FileInfo's duration is in nanoseconds.
      durationMs: Number(f.duration / NS_PER_MS),
      sizeBytes: Number(f.size),
    })),
  };
}

/**
 * When the state Egress reports began, for a report read later than it happened (the webhook
 * was lost): "started" must carry the moment the file began, since the player maps transcript
 * times onto the file from it, and an end its real end. Falls back to `now`, and never passes it
 * (another machine's clock must not date a heartbeat into the future).
 */
export function egressReportedAt(info: EgressInfo, now: Date): Date {
  const at = (ns: bigint) => (ns > BigInt(0) ? new Date(Number(ns / NS_PER_MS)) : null);
  let when: Date | null;
  switch (info.status) {
    case EgressStatus.EGRESS_STARTING:
      when = null;
      break;
    case EgressStatus.EGRESS_ACTIVE:
      when = at(info.startedAt);
      break;
    case EgressStatus.EGRESS_ENDING:
      when = at(info.updatedAt);
      break;
    default:
      when = at(info.endedAt) ?? at(info.updatedAt);
  }
  return when && when < now ? when : now;
}
