import { z } from "zod";
import { endpoint, isoDate } from "@/lib/http-contract";
import { displayName } from "../domain/user";

const profileReply = z.strictObject({
  profile: z.strictObject({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    image: z.string().nullable(),
    createdAt: isoDate,
  }),
});

/** The signed-in user's own profile and avatar (the avatar itself is multipart, not JSON). */
export const profileApi = {
  get: endpoint({ method: "GET", path: "/api/profile", response: profileReply }),
  update: endpoint({
    method: "PATCH",
    path: "/api/profile",
    request: z.object({ name: displayName.optional() }).strict(),
    response: profileReply,
  }),
  uploadAvatar: endpoint({ method: "POST", path: "/api/profile/avatar", response: profileReply }),
  removeAvatar: endpoint({ method: "DELETE", path: "/api/profile/avatar", response: profileReply }),
};
