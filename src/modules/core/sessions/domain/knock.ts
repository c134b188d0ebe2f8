import { guestIdentity, userIdentity } from "./video-session";

export const KNOCK_STATUSES = ["WAITING", "ADMITTED", "DENIED", "CANCELLED"] as const;
export type KnockStatus = (typeof KNOCK_STATUSES)[number];

/**
 * Who asks to be let in: an anonymous guest by their signed cookie id, or someone signed in who is
 * not a member of the session's space, by account (so one account holds one knock per session).
 */
export type Knocker = { kind: "guest"; guestId: string } | { kind: "user"; userId: string };

/** The participant identity a knocker joins as once admitted. */
export const knockerIdentity = (k: Knocker) =>
  k.kind === "user" ? userIdentity(k.userId) : guestIdentity(k.guestId);

/**
 * Someone outside the space asking to be let into a call. The name is the guest's own, or the
 * account name of a signed-in knocker, and is shown only as a guest's.
 */
export type Knock = {
  id: string;
  videoSessionId: string;
  guestId: string | null;
  userId: string | null;
  displayName: string;
  status: KnockStatus;
  createdAt: Date;
  decidedAt: Date | null;
};
