// sessions' door: what other modules and pages may use; the pure rules (domain/) may be imported directly.
export { resolveAccess, sessionEnded, sessionNotFound, type Viewer } from "./application/access";
export { getSession, type SessionView } from "./application/get-session";
export { chooseMeetingSpace } from "./application/choose-meeting-space";
export { listSpaceSessions } from "./application/list-space-sessions";
export type { MediaServer } from "./application/media-server";
export { findParticipant } from "./infra/participant-repository";
export { findSessionBySlug, listOpenSessionIds } from "./infra/session-repository";
