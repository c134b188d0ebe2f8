import { z } from "zod";

export const spaceParams = z.object({ spaceId: z.uuid() });
export const memberParams = z.object({ spaceId: z.uuid(), userId: z.uuid() });
