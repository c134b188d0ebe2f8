import { z } from "zod";
import { email } from "@/modules/core/identity/domain/user";
import { SPACE_ROLES, type SpaceRole } from "./space";

/** How long an invitation stays open; inviting the address again restarts it. */
export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export const invitationExpiry = (now: Date) => new Date(now.getTime() + INVITATION_TTL_MS);

/** POST /api/spaces/[spaceId]/invitations */
export const inviteRequest = z.object({ email, role: z.enum(SPACE_ROLES).default("MEMBER") }).strict();
export type InviteRequest = z.input<typeof inviteRequest>;

/**
 * What the inviter learns, the same whether or not the address has an account: an invitation is
 * a promise to whoever proves they own the address, not a lookup.
 */
export const invitationResponse = z.object({
  invitation: z.object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(SPACE_ROLES),
    status: z.literal("pending"),
    expiresAt: z.iso.datetime(),
  }),
});
export type InvitationResponse = z.infer<typeof invitationResponse>;

/** A pending invitation as the space's owners and admins see it. */
export type SpaceInvitation = {
  id: string;
  email: string;
  role: SpaceRole;
  status: "pending";
  invitedByName: string | null;
  createdAt: Date;
  expiresAt: Date;
};

/** A pending invitation as its invitee sees it. */
export type MyInvitation = {
  id: string;
  space: { id: string; name: string };
  role: SpaceRole;
  invitedByName: string | null;
  expiresAt: Date;
};

/** POST /api/invitations/[invitationId]/accept */
export const acceptResponse = z.object({
  membership: z.object({ spaceId: z.uuid(), role: z.enum(SPACE_ROLES) }),
});
