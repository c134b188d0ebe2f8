export const KNOCK_STATUSES = ["WAITING", "ADMITTED", "DENIED", "CANCELLED"] as const;
export type KnockStatus = (typeof KNOCK_STATUSES)[number];

/** A guest asking to be let into a call: the name is the guest's own, shown only as a guest's. */
export type Knock = {
  id: string;
  videoSessionId: string;
  guestId: string;
  displayName: string;
  status: KnockStatus;
  createdAt: Date;
  decidedAt: Date | null;
};
