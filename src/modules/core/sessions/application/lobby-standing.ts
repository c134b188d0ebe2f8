import type { Executor } from "@/lib/db/client";
import { ConflictError, ForbiddenError, RateLimitedError } from "@/modules/core/shared/domain/errors";
import { knockerIdentity, type Knocker } from "../domain/knock";
import type { VideoSession } from "../domain/video-session";
import { findKnockOf } from "../infra/knock-repository";
import { findParticipant } from "../infra/participant-repository";
import type { Access } from "./access";

/**
 * Where a joiner stands with the lobby: a member of the space (never asks); in the call before or
 * admitted (no cap); new, a cookieless guest (the per-address cap applies); or a stranger, who is
 * not counted but asks first where the host admits every guest: a guest cookie from another call,
 * or a signed-in outsider. Accounts are never capped (sign-in is rate-limited already), only gated.
 * Still asking or refused: no entry. A knock hands out no way round the lobby, neither its cookie
 * nor an account.
 */
export type Standing = "member" | "returning" | "admitted" | "new" | "stranger";

export async function lobbyStanding(
  db: Executor,
  session: Pick<VideoSession, "id" | "guestsKnock">,
  access: Pick<Access, "spaceRole" | "userId">,
  guestId: string | null,
): Promise<Standing> {
  if (access.spaceRole) return "member";
  if (access.userId) return standingOf(db, session, { kind: "user", userId: access.userId });
  if (!guestId) return "new";
  return standingOf(db, session, { kind: "guest", guestId });
}

async function standingOf(
  db: Executor,
  session: Pick<VideoSession, "id" | "guestsKnock">,
  knocker: Knocker,
): Promise<Standing> {
  if (await findParticipant(db, session.id, knockerIdentity(knocker))) return "returning";
  const knock = await findKnockOf(db, session.id, knocker);
  if (!knock) return "stranger";
  switch (knock.status) {
    case "ADMITTED":
      return "admitted";
    case "WAITING":
      throw new ConflictError("lobby_waiting", "Wait for the host to let you in.");
    case "DENIED":
      throw new ForbiddenError("lobby_denied", "The host did not let you into this call.");
    case "CANCELLED":
      // A guest's cancelled knock still carries its cookie, which must not skip the cap.
      if (knocker.kind === "user") return "stranger";
      throw session.guestsKnock ? hostAdmitsGuests() : knockRequired();
  }
}

/** `details.reason` tells the two apart: clients knock on the code either way. */
const knockRequired = () =>
  new ConflictError(
    "knock_required",
    "Many guests from your network joined already: ask the host to let you in.",
    {
      details: { reason: "guest_limit" },
    },
  );
export const hostAdmitsGuests = () =>
  new ConflictError("knock_required", "The host lets guests in: ask to join and wait.", {
    details: { reason: "host_admits_guests" },
  });

/** The per-address walk-in cap for a new guest; past it the guest knocks instead. */
export async function walkIn(admitNewGuest: (() => Promise<void>) | undefined): Promise<void> {
  try {
    await admitNewGuest?.();
  } catch (err) {
    if (err instanceof RateLimitedError) throw knockRequired();
    throw err;
  }
}
