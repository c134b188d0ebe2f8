// identity's door: what other modules and pages may use. Sign-in itself (NextAuth) is web wiring
// in src/server/auth.ts; the pure rules (domain/) may be imported directly.
export { getProfile } from "./application/get-profile";
export { findSessionUser } from "./infra/user-repository";
