import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { SpaceRole } from "./space";

/** 32 random bytes, base64url: 43 characters nobody can guess, safe in a URL path. */
export const newInviteToken = () => randomBytes(32).toString("base64url");

/**
 * Any string up to a sane length reaches the use-case, so a mangled link gets the same "turned
 * off" answer as a revoked one instead of a bare 404.
 */
export const inviteToken = z.string().min(1).max(200);

/** Only base64url can be a token we made; anything else (a NUL byte, say) is never looked up. */
export const couldBeInviteToken = (token: string) => /^[A-Za-z0-9_-]+$/.test(token);

export const invitePath = (token: string) => `/invite/${token}`;

/** The link as its space's owners and admins see it. */
export type InviteLink = { token: string; role: SpaceRole; createdAt: Date };

/** What a signed-in visitor of a valid link learns before joining. */
export type InviteLinkPreview = {
  space: { id: string; name: string };
  memberCount: number;
  role: SpaceRole;
  /** The visitor's role when they are a member already. */
  memberRole: SpaceRole | null;
};
