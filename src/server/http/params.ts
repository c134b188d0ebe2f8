import { z } from "zod";

// A session's address (`abc-defg-hij`): every /s/[slug] page and /api/sessions/[slug] route checks it.
export const slugParams = z.object({ slug: z.string().regex(/^[a-z]{3}-[a-z]{4}-[a-z]{3}$/) });
export const spaceParams = z.object({ spaceId: z.uuid() });
export const memberParams = z.object({ spaceId: z.uuid(), userId: z.uuid() });
export const spaceInvitationParams = z.object({ spaceId: z.uuid(), invitationId: z.uuid() });
export const invitationParams = z.object({ invitationId: z.uuid() });
// Any token reaches the use-case, so a mangled invite link is "turned off", not a bare 404.
export const inviteTokenParams = z.object({ token: z.string().min(1).max(200) });
