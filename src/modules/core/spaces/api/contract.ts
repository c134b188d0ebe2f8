import { z } from "zod";
import { endpoint, isoDate, noContent } from "@/lib/http-contract";
import { SPACE_ROLES, spaceName } from "../domain/space";
import { acceptResponse, invitationResponse, inviteRequest } from "../domain/invitation";

const role = z.enum(SPACE_ROLES);

export const spaceMember = z.strictObject({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  image: z.string().nullable(),
  role,
  joinedAt: isoDate,
});

const space = { id: z.uuid(), name: z.string(), createdAt: isoDate, updatedAt: isoDate };
/**
 * Create, get and rename send the whole row, so the monthly budget (numeric, as text) rides along;
 * the list does not, nor do their TypeScript types. Kept as sent (issue 17 changes no behaviour).
 */
const spaceRow = { ...space, monthlyTranscriptionBudgetUsd: z.string().nullable().optional() };
const summary = { role, memberCount: z.number().int() };
export const spaceSummary = z.strictObject({ ...space, ...summary });
const spaceView = z.strictObject({ ...spaceRow, role, members: z.array(spaceMember) });

const spaceBody = z.object({ name: spaceName }).strict();

const spaceInvitation = z.strictObject({
  id: z.uuid(),
  email: z.string(),
  role,
  status: z.literal("pending"),
  invitedByName: z.string().nullable(),
  createdAt: isoDate,
  expiresAt: isoDate,
});

const myInvitation = z.strictObject({
  id: z.uuid(),
  space: z.strictObject({ id: z.uuid(), name: z.string() }),
  role,
  invitedByName: z.string().nullable(),
  expiresAt: isoDate,
});

const inviteLink = z.strictObject({ token: z.string(), path: z.string(), role, createdAt: isoDate });

/** Spaces, their members and invitations. */
export const spacesApi = {
  list: endpoint({
    method: "GET",
    path: "/api/spaces",
    response: z.strictObject({ spaces: z.array(spaceSummary) }),
  }),
  create: endpoint({
    method: "POST",
    path: "/api/spaces",
    request: spaceBody,
    response: z.strictObject({ space: z.strictObject({ ...spaceRow, ...summary }) }),
    status: 201,
  }),
  get: endpoint({
    method: "GET",
    path: "/api/spaces/[spaceId]",
    response: z.strictObject({ space: spaceView }),
  }),
  rename: endpoint({
    method: "PATCH",
    path: "/api/spaces/[spaceId]",
    request: spaceBody,
    response: z.strictObject({ space: z.strictObject(spaceRow) }),
  }),
  delete: endpoint({ method: "DELETE", path: "/api/spaces/[spaceId]", response: noContent, status: 204 }),

  listMembers: endpoint({
    method: "GET",
    path: "/api/spaces/[spaceId]/members",
    response: z.strictObject({ members: z.array(spaceMember) }),
  }),
  changeMemberRole: endpoint({
    method: "PATCH",
    path: "/api/spaces/[spaceId]/members/[userId]",
    request: z.object({ role }).strict(),
    response: noContent,
    status: 204,
  }),
  removeMember: endpoint({
    method: "DELETE",
    path: "/api/spaces/[spaceId]/members/[userId]",
    response: noContent,
    status: 204,
  }),
  leave: endpoint({ method: "POST", path: "/api/spaces/[spaceId]/leave", response: noContent, status: 204 }),

  invite: endpoint({
    method: "POST",
    path: "/api/spaces/[spaceId]/invitations",
    request: inviteRequest,
    response: invitationResponse.strict(),
    status: 202,
  }),
  listInvitations: endpoint({
    method: "GET",
    path: "/api/spaces/[spaceId]/invitations",
    response: z.strictObject({ invitations: z.array(spaceInvitation) }),
  }),
  revokeInvitation: endpoint({
    method: "DELETE",
    path: "/api/spaces/[spaceId]/invitations/[invitationId]",
    response: noContent,
    status: 204,
  }),
  myInvitations: endpoint({
    method: "GET",
    path: "/api/invitations",
    response: z.strictObject({ emailVerified: z.boolean(), invitations: z.array(myInvitation) }),
  }),
  acceptInvitation: endpoint({
    method: "POST",
    path: "/api/invitations/[invitationId]/accept",
    response: acceptResponse.strict(),
  }),
  declineInvitation: endpoint({
    method: "POST",
    path: "/api/invitations/[invitationId]/decline",
    response: noContent,
    status: 204,
  }),

  getInviteLink: endpoint({
    method: "GET",
    path: "/api/spaces/[spaceId]/invite-link",
    response: z.strictObject({ link: inviteLink.nullable() }),
  }),
  createInviteLink: endpoint({
    method: "POST",
    path: "/api/spaces/[spaceId]/invite-link",
    response: z.strictObject({ link: inviteLink }),
    status: 201,
  }),
  revokeInviteLink: endpoint({
    method: "DELETE",
    path: "/api/spaces/[spaceId]/invite-link",
    response: noContent,
    status: 204,
  }),
  joinByInviteLink: endpoint({
    method: "POST",
    path: "/api/invite-links/[token]/join",
    response: acceptResponse.strict(),
  }),
};
