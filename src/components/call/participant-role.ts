import { isGuestIdentity } from "@/modules/core/sessions/domain/video-session";
import { PARTICIPANT_METADATA } from "./room-protocol";

type Who = { identity: string; metadata?: string };

/** The role the app put in the participant's token metadata (`{"role":"HOST"}`); GUEST otherwise. */
export function roleOf(participant: Who): "HOST" | "GUEST" {
  try {
    const meta = JSON.parse(participant.metadata || "{}") as Record<string, unknown>;
    return meta[PARTICIPANT_METADATA.role] === "HOST" ? "HOST" : "GUEST";
  } catch {
    return "GUEST";
  }
}

/**
 * Who vouches for the name on a tile: the host (role from the server-signed token), an anonymous
 * guest (typed any name, so marked: they cannot pass as the host), or an account (no badge).
 */
export function badgeOf(participant: Who): "HOST" | "GUEST" | null {
  if (isGuestIdentity(participant.identity)) return "GUEST";
  return roleOf(participant) === "HOST" ? "HOST" : null;
}
