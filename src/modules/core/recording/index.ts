// recording's door: what other modules and pages may use; the pure rules (domain/) may be imported directly.
export { applyEgressReport } from "./application/apply-egress-report";
export { getCallRecording } from "./application/get-call-recording";
export { listSessionRecordings } from "./application/list-session-recordings";
export { stopSessionRecordings } from "./application/stop-session-recordings";
export type { RecorderPort } from "./application/recorder-port";
// LiveKit's webhook carries the egress state; sessions' media-server adapter reads it with this.
export { egressReportOf } from "./infra/egress-info";
