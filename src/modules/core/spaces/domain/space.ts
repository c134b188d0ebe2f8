import { lineOfText } from "@/modules/core/shared/domain/text";

export const SPACE_ROLES = ["OWNER", "ADMIN", "MEMBER"] as const;
export type SpaceRole = (typeof SPACE_ROLES)[number];

export type Space = { id: string; name: string; createdAt: Date; updatedAt: Date };
export type SpaceSummary = Space & { role: SpaceRole; memberCount: number };
export type SpaceMember = {
  userId: string;
  name: string;
  email: string;
  image: string | null;
  role: SpaceRole;
  joinedAt: Date;
};

export const spaceName = lineOfText(100);

export const canManageSpace = (role: SpaceRole) => role === "OWNER" || role === "ADMIN";
export const canDeleteSpace = (role: SpaceRole) => role === "OWNER";

/**
 * Whether `actor` may move a member from `from` to `to` (or remove them, when `to` is null).
 * Admins manage members and admins; only owners touch the OWNER role.
 */
export function canChangeMember(actor: SpaceRole, from: SpaceRole, to: SpaceRole | null): boolean {
  if (!canManageSpace(actor)) return false;
  if (actor === "OWNER") return true;
  return from !== "OWNER" && to !== "OWNER";
}
