import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { spaceInviteLinks } from "@/lib/db/schema/spaces";
import {
  createInviteLinkEndpoint,
  getInviteLinkEndpoint,
  joinByInviteLinkEndpoint,
  revokeInviteLinkEndpoint,
} from "@/modules/core/spaces/api/invite-link-endpoints";
import { createSpaceEndpoint, deleteSpaceEndpoint } from "@/modules/core/spaces/api/space-endpoints";
import { previewInviteLink } from "@/modules/core/spaces";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { call, errorCode, makeUser, type TestUser } from "../support/api";
import { expectReply } from "../support/contract";
import { addMember, roleOf } from "../support/members";

describe("space invite link", () => {
  let owner: TestUser, admin: TestUser, member: TestUser, visitor: TestUser, spaceId: string;

  const create = (actor: TestUser, space = spaceId) =>
    call(createInviteLinkEndpoint, { method: "POST", user: actor, params: { spaceId: space } });
  const get = (actor: TestUser) =>
    call(getInviteLinkEndpoint, { method: "GET", user: actor, params: { spaceId } });
  const revoke = (actor: TestUser) =>
    call(revokeInviteLinkEndpoint, { method: "DELETE", user: actor, params: { spaceId } });
  const join = (user: TestUser, token: string) =>
    call(joinByInviteLinkEndpoint, { method: "POST", user, params: { token } });
  const made = async (actor: TestUser) => expectReply(await create(actor), spacesApi.createInviteLink).link;

  beforeEach(async () => {
    [owner, admin, member, visitor] = await Promise.all([
      makeUser("Owner"),
      makeUser("Admin"),
      makeUser("Member"),
      makeUser("Visitor"),
    ]);
    spaceId = expectReply(
      await call(createSpaceEndpoint, { user: owner, json: { name: "Link team" } }),
      spacesApi.create,
    ).space.id;
    await addMember(owner, spaceId, admin, "ADMIN");
    await addMember(owner, spaceId, member);
  });

  it("owners and admins make one long random link; members and outsiders cannot see or make it", async () => {
    expect(expectReply(await get(owner), spacesApi.getInviteLink).link).toBeNull();
    const link = await made(owner);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.path).toBe(`/invite/${link.token}`);
    expect(link.role).toBe("MEMBER");
    expect(expectReply(await get(admin), spacesApi.getInviteLink).link?.token).toBe(link.token);

    expect(errorCode(await create(member))).toBe("forbidden");
    expect(errorCode(await get(member))).toBe("forbidden");
    expect(errorCode(await revoke(member))).toBe("forbidden");
    expect(errorCode(await create(visitor))).toBe("space_not_found");
    expect(errorCode(await get(visitor))).toBe("space_not_found");
    const rows = await getDb().select().from(spaceInviteLinks).where(eq(spaceInviteLinks.spaceId, spaceId));
    expect(rows.map((r) => r.token)).toEqual([link.token]);
  });

  it("a signed-in visitor sees the space's name, then joins as MEMBER with one call", async () => {
    const link = await made(admin);
    const preview = await previewInviteLink(getDb(), { userId: visitor.id, token: link.token });
    expect(preview).toEqual({
      space: { id: spaceId, name: "Link team" },
      memberCount: 3,
      role: "MEMBER",
      memberRole: null,
    });
    const joined = expectReply(await join(visitor, link.token), spacesApi.joinByInviteLink);
    expect(joined.membership).toEqual({ spaceId, role: "MEMBER" });
    expect(await roleOf(spaceId, visitor.id)).toBe("MEMBER");
    // Joining again, or as an admin already in, changes nobody's role.
    expect(expectReply(await join(visitor, link.token), spacesApi.joinByInviteLink).membership.role).toBe(
      "MEMBER",
    );
    expect(expectReply(await join(admin, link.token), spacesApi.joinByInviteLink).membership.role).toBe(
      "ADMIN",
    );
    expect(await roleOf(spaceId, admin.id)).toBe("ADMIN");
  });

  it("a revoked, replaced, unknown or deleted space's link is 'turned off' and adds nobody", async () => {
    const first = await made(owner);
    const second = await made(owner);
    expect(second.token).not.toBe(first.token);
    expect(errorCode(await join(visitor, first.token))).toBe("invite_link_off");
    const res = await join(visitor, first.token);
    expect(res.status).toBe(404);

    expect((await revoke(admin)).status).toBe(204);
    expect((await revoke(admin)).status).toBe(204);
    expect(expectReply(await get(owner), spacesApi.getInviteLink).link).toBeNull();
    expect(errorCode(await join(visitor, second.token))).toBe("invite_link_off");
    expect(errorCode(await join(visitor, "not-a-real-token"))).toBe("invite_link_off");
    // Bytes PostgreSQL refuses in text (found by fuzz-api as a 500) are just another dead link.
    expect(errorCode(await join(visitor, "\u0000"))).toBe("invite_link_off");
    await expect(
      previewInviteLink(getDb(), { userId: visitor.id, token: second.token }),
    ).rejects.toMatchObject({
      code: "invite_link_off",
    });
    expect(await roleOf(spaceId, visitor.id)).toBeNull();

    const third = await made(owner);
    expect(
      (await call(deleteSpaceEndpoint, { method: "DELETE", user: owner, params: { spaceId } })).status,
    ).toBe(204);
    expect(errorCode(await join(visitor, third.token))).toBe("invite_link_off");
  });

  it("joining needs a signed-in user", async () => {
    const link = await made(owner);
    const res = await call(joinByInviteLinkEndpoint, { method: "POST", params: { token: link.token } });
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe("unauthenticated");
  });
});
