import { z } from "zod";

export const spaceParams = z.object({ spaceId: z.uuid() });
export const memberParams = z.object({ spaceId: z.uuid(), userId: z.uuid() });
export const spaceInvitationParams = z.object({ spaceId: z.uuid(), invitationId: z.uuid() });
export const invitationParams = z.object({ invitationId: z.uuid() });
