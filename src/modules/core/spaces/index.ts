// spaces' door: what other modules and pages may use; the pure rules (domain/) may be imported directly.
export { requireMembership, spaceNotFound } from "./application/access";
export { getSpace, type SpaceView } from "./application/get-space";
export { listInvitations } from "./application/list-invitations";
export { listMyInvitations } from "./application/list-my-invitations";
export { listSpaces } from "./application/list-spaces";
export { findRole, findSpace } from "./infra/space-repository";
export { createSpace } from "./application/create-space";
export { previewInviteLink } from "./application/preview-invite-link";
export { getInviteLink } from "./application/get-invite-link";
