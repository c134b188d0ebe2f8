import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { spaceMembers } from "@/lib/db/schema/spaces";
import { inviteMemberEndpoint } from "@/modules/core/spaces/api/invitation-endpoints";
import {
  changeMemberRoleEndpoint,
  leaveSpaceEndpoint,
  listMembersEndpoint,
  removeMemberEndpoint,
} from "@/modules/core/spaces/api/member-endpoints";
import { createSpaceEndpoint, getSpaceEndpoint } from "@/modules/core/spaces/api/space-endpoints";
import { call, errorCode, makeUser, type TestUser } from "../support/api";
import { addMember, roleOf } from "../support/members";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { expectReply } from "../support/contract";

describe("space members API", () => {
  let owner: TestUser, admin: TestUser, member: TestUser, outsider: TestUser, spaceId: string;

  const invite = (actor: TestUser, email: string, role?: string) =>
    call(inviteMemberEndpoint, {
      user: actor,
      params: { spaceId },
      json: role ? { email, role } : { email },
    });
  const setRole = (actor: TestUser, userId: string, role: unknown) =>
    call(changeMemberRoleEndpoint, {
      method: "PATCH",
      user: actor,
      params: { spaceId, userId },
      json: { role },
    });
  const remove = (actor: TestUser, userId: string) =>
    call(removeMemberEndpoint, { method: "DELETE", user: actor, params: { spaceId, userId } });

  beforeEach(async () => {
    [owner, admin, member, outsider] = await Promise.all([
      makeUser("Owner"),
      makeUser("Admin"),
      makeUser("Member"),
      makeUser("Outsider"),
    ]);
    spaceId = expectReply(
      await call(createSpaceEndpoint, { user: owner, json: { name: "Team" } }),
      spacesApi.create,
    ).space.id;
    await addMember(owner, spaceId, admin, "ADMIN");
    await addMember(owner, spaceId, member);
  });

  it("an accepted invitation makes a member who then sees the space", async () => {
    expect(await roleOf(spaceId, member.id)).toBe("MEMBER");
    const seen = await call(getSpaceEndpoint, { user: member, params: { spaceId } });
    expect(seen.status).toBe(200);
    expect(
      expectReply(seen, spacesApi.get)
        .space.members.map((m: { userId: string }) => m.userId)
        .sort(),
    ).toEqual([owner.id, admin.id, member.id].sort());
  });

  it("lets only owners and admins manage members", async () => {
    const byMember = await invite(member, outsider.email);
    expect(byMember.status).toBe(403);
    expect(await roleOf(spaceId, outsider.id)).toBeNull();
    expect((await setRole(member, admin.id, "MEMBER")).status).toBe(403);
    expect((await remove(member, admin.id)).status).toBe(403);
    expect(await roleOf(spaceId, admin.id)).toBe("ADMIN");
    // An outsider learns nothing, not even that the space exists.
    expect((await invite(outsider, outsider.email)).status).toBe(404);
    expect((await call(listMembersEndpoint, { user: outsider, params: { spaceId } })).status).toBe(404);
  });

  it("keeps the OWNER role in owners' hands", async () => {
    expect((await invite(admin, outsider.email, "OWNER")).status).toBe(403);
    expect((await setRole(admin, member.id, "OWNER")).status).toBe(403);
    expect((await setRole(admin, owner.id, "MEMBER")).status).toBe(403);
    expect((await remove(admin, owner.id)).status).toBe(403);
    expect(await roleOf(spaceId, owner.id)).toBe("OWNER");
    expect((await setRole(admin, member.id, "ADMIN")).status).toBe(204);
    expect(await roleOf(spaceId, member.id)).toBe("ADMIN");
  });

  it("never leaves a space without an owner", async () => {
    const leave = await call(leaveSpaceEndpoint, { user: owner, params: { spaceId } });
    expect(leave.status).toBe(409);
    expect(errorCode(leave)).toBe("last_owner");
    expect((await setRole(owner, owner.id, "MEMBER")).status).toBe(409);
    expect(await roleOf(spaceId, owner.id)).toBe("OWNER");

    expect((await setRole(owner, admin.id, "OWNER")).status).toBe(204);
    expect((await call(leaveSpaceEndpoint, { user: owner, params: { spaceId } })).status).toBe(204);
    expect(await roleOf(spaceId, owner.id)).toBeNull();
  });

  it("serialises concurrent owner departures so one owner always remains", async () => {
    expect((await setRole(owner, admin.id, "OWNER")).status).toBe(204);
    const results = await Promise.all([
      call(leaveSpaceEndpoint, { user: owner, params: { spaceId } }),
      call(leaveSpaceEndpoint, { user: admin, params: { spaceId } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
    const owners = await getDb()
      .select()
      .from(spaceMembers)
      .where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.role, "OWNER")));
    expect(owners).toHaveLength(1);
  });

  it("removes members, lets members leave, and 404s unknown member ids", async () => {
    expect((await remove(admin, member.id)).status).toBe(204);
    expect(await roleOf(spaceId, member.id)).toBeNull();
    expect((await call(getSpaceEndpoint, { user: member, params: { spaceId } })).status).toBe(404);
    expect((await remove(owner, randomUUID())).status).toBe(404);
    expect((await setRole(owner, "nope", "ADMIN")).status).toBe(404);
    expect((await call(leaveSpaceEndpoint, { user: admin, params: { spaceId } })).status).toBe(204);
    expect(await roleOf(spaceId, admin.id)).toBeNull();
  });
});
