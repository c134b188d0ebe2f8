/**
 * What a guest (someone who was in the call but is not a member of its space) may read afterwards
 * (issue 14): the lines said while they were in the call, for 30 days after it ended. They heard
 * those lines anyway; what was said before they came or after they left was never said to them,
 * and a space's conversations should not stay readable by outsiders for ever. The window is from
 * their participant row's first join to their last leave (a rejoin clears the leave, so a gap
 * between two stays is included: the row does not record the gaps).
 */
export const GUEST_ACCESS_DAYS = 30;

/** Lines stored in [from, to]; `to` null = up to now (they are still in the call). */
export type SegmentWindow = { from: Date; to: Date | null };

export type GuestAccess = { window: SegmentWindow; expiresAt: Date | null };

export function guestAccess(
  participant: { joinedAt: Date; leftAt: Date | null },
  session: { endedAt: Date | null },
  now: Date,
): GuestAccess | "expired" {
  const expiresAt = session.endedAt
    ? new Date(session.endedAt.getTime() + GUEST_ACCESS_DAYS * 24 * 60 * 60_000)
    : null;
  if (expiresAt && now >= expiresAt) return "expired";
  return {
    window: { from: participant.joinedAt, to: participant.leftAt ?? session.endedAt },
    expiresAt,
  };
}
