import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { accounts, users } from "@/lib/db/schema/identity";
import { spaceInvitations } from "@/lib/db/schema/spaces";
import {
  acceptInvitationEndpoint,
  declineInvitationEndpoint,
  inviteMemberEndpoint,
  listInvitationsEndpoint,
  listMyInvitationsEndpoint,
  revokeInvitationEndpoint,
} from "@/modules/core/spaces/api/invitation-endpoints";
import { createSpaceEndpoint, getSpaceEndpoint } from "@/modules/core/spaces/api/space-endpoints";
import { call, errorCode, makeUser, uniqueEmail, type TestUser } from "../support/api";
import { addMember, roleOf } from "../support/members";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { expectReply } from "../support/contract";

const DAY = 24 * 60 * 60 * 1000;

/** A user whose address no provider verified (as an unverified OIDC sign-in made them before). */
async function unverifiedUser(email: string): Promise<TestUser> {
  const [row] = await getDb().insert(users).values({ email, name: "Unverified" }).returning();
  await getDb()
    .insert(accounts)
    .values({
      userId: row!.id,
      type: "oauth",
      provider: "oidc",
      providerAccountId: randomBytes(6).toString("hex"),
    });
  const token = await encode({ token: { uid: row!.id, sub: row!.id }, secret: process.env.NEXTAUTH_SECRET! });
  return {
    id: row!.id,
    name: row!.name,
    email,
    emailVerified: false,
    cookie: `next-auth.session-token=${token}`,
  };
}

describe("space invitations", () => {
  let owner: TestUser, admin: TestUser, member: TestUser, outsider: TestUser, spaceId: string;

  const invite = (actor: TestUser, email: string, role?: string) =>
    call(inviteMemberEndpoint, {
      user: actor,
      params: { spaceId },
      json: role ? { email, role } : { email },
    });
  const pendingOf = async (actor: TestUser) =>
    expectReply(
      await call(listInvitationsEndpoint, { method: "GET", user: actor, params: { spaceId } }),
      spacesApi.listInvitations,
    ).invitations;
  const mine = async (user: TestUser) =>
    expectReply(await call(listMyInvitationsEndpoint, { method: "GET", user }), spacesApi.myInvitations);
  const accept = (user: TestUser, invitationId: string) =>
    call(acceptInvitationEndpoint, { method: "POST", user, params: { invitationId } });
  const decline = (user: TestUser, invitationId: string) =>
    call(declineInvitationEndpoint, { method: "POST", user, params: { invitationId } });
  const revoke = (actor: TestUser, invitationId: string, space = spaceId) =>
    call(revokeInvitationEndpoint, {
      method: "DELETE",
      user: actor,
      params: { spaceId: space, invitationId },
    });

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

  it("answers the same whether or not the address has an account, and adds nobody", async () => {
    const known = await invite(owner, outsider.email.toUpperCase());
    const unknown = await invite(owner, uniqueEmail("nobody"));
    for (const res of [known, unknown]) {
      expect(res.status).toBe(202);
      const { invitation } = expectReply(res, spacesApi.invite);
      expect(Object.keys(expectReply(res, spacesApi.invite).invitation).sort()).toEqual([
        "email",
        "expiresAt",
        "id",
        "role",
        "status",
      ]);
      expect(invitation).toMatchObject({ role: "MEMBER", status: "pending" });
      const ttl = Date.parse(invitation.expiresAt) - Date.now();
      expect(ttl).toBeGreaterThan(13 * DAY);
      expect(ttl).toBeLessThanOrEqual(14 * DAY);
    }
    expect(expectReply(known, spacesApi.invite).invitation.email).toBe(outsider.email);
    expect(await roleOf(spaceId, outsider.id)).toBeNull();
    expect((await call(getSpaceEndpoint, { user: outsider, params: { spaceId } })).status).toBe(404);
    expect((await pendingOf(owner)).map((i) => i.email).sort()).toEqual(
      [outsider.email, expectReply(unknown, spacesApi.invite).invitation.email].sort(),
    );
  });

  it("refuses members, admins granting OWNER, outsiders, existing members and bad bodies", async () => {
    expect((await invite(member, uniqueEmail())).status).toBe(403);
    expect((await invite(admin, uniqueEmail(), "OWNER")).status).toBe(403);
    expect((await invite(admin, uniqueEmail(), "ADMIN")).status).toBe(202);
    expect((await invite(outsider, uniqueEmail())).status).toBe(404);
    const dup = await invite(owner, member.email);
    expect([dup.status, errorCode(dup)]).toEqual([409, "already_member"]);
    expect((await invite(owner, "not-an-email")).status).toBe(422);
    expect((await invite(owner, uniqueEmail(), "KING")).status).toBe(422);
    expect(
      (await call(listInvitationsEndpoint, { method: "GET", user: member, params: { spaceId } })).status,
    ).toBe(403);
  });

  it("is accepted only by the verified owner of the address, with the invited role", async () => {
    const email = uniqueEmail("invitee");
    const { id } = expectReply(await invite(owner, email, "ADMIN"), spacesApi.invite).invitation;

    // Someone else, even a member, cannot use it, and learns nothing from trying.
    for (const other of [outsider, member]) {
      const res = await accept(other, id);
      expect([res.status, errorCode(res)]).toEqual([404, "invitation_not_found"]);
      expect((await mine(other)).invitations.map((i) => i.id)).not.toContain(id);
    }
    // The address, but nobody verified it: not shown, not accepted.
    const squatter = await unverifiedUser(email);
    expect(await mine(squatter)).toEqual({ emailVerified: false, invitations: [] });
    expect((await accept(squatter, id)).status).toBe(404);
    expect(await roleOf(spaceId, squatter.id)).toBeNull();
    await getDb().delete(users).where(eq(users.id, squatter.id));

    const invitee = await makeUser("Invitee", email);
    const listed = await mine(invitee);
    expect(listed.emailVerified).toBe(true);
    expect(listed.invitations).toEqual([
      expect.objectContaining({ id, role: "ADMIN", space: { id: spaceId, name: "Team" } }),
    ]);
    const accepted = await accept(invitee, id);
    expect(accepted.status).toBe(200);
    expect(expectReply(accepted, spacesApi.acceptInvitation)).toEqual({
      membership: { spaceId, role: "ADMIN" },
    });
    expect(await roleOf(spaceId, invitee.id)).toBe("ADMIN");
    expect((await call(getSpaceEndpoint, { user: invitee, params: { spaceId } })).status).toBe(200);
    // Spent: gone from both lists, a second accept is a 404.
    expect((await accept(invitee, id)).status).toBe(404);
    expect((await mine(invitee)).invitations).toEqual([]);
    expect(await pendingOf(owner)).toEqual([]);
  });

  it("spends an invitation once under concurrent accepts", async () => {
    const { id } = expectReply(await invite(owner, outsider.email), spacesApi.invite).invitation;
    const results = await Promise.all([accept(outsider, id), accept(outsider, id), decline(outsider, id)]);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(2);
    expect(await roleOf(spaceId, outsider.id)).toBe(statuses.includes(200) ? "MEMBER" : null);
  });

  it("declining removes it without joining; the space may invite again", async () => {
    const { id } = expectReply(await invite(owner, outsider.email), spacesApi.invite).invitation;
    expect((await decline(member, id)).status).toBe(404);
    expect((await decline(outsider, id)).status).toBe(204);
    expect(await roleOf(spaceId, outsider.id)).toBeNull();
    expect((await accept(outsider, id)).status).toBe(404);
    const again = expectReply(await invite(owner, outsider.email), spacesApi.invite).invitation;
    expect((await accept(outsider, again.id)).status).toBe(200);
    expect(await roleOf(spaceId, outsider.id)).toBe("MEMBER");
  });

  it("owners and admins revoke pending invitations; OWNER ones only owners", async () => {
    const plain = expectReply(await invite(owner, outsider.email), spacesApi.invite).invitation.id as string;
    const ownerInvite = expectReply(await invite(owner, uniqueEmail(), "OWNER"), spacesApi.invite).invitation
      .id as string;
    expect((await revoke(member, plain)).status).toBe(403);
    expect((await revoke(outsider, plain)).status).toBe(404);
    expect((await revoke(admin, ownerInvite)).status).toBe(403);
    const other = expectReply(
      await call(createSpaceEndpoint, { user: owner, json: { name: "Other" } }),
      spacesApi.create,
    ).space.id;
    expect([(await revoke(owner, plain, other)).status, (await revoke(owner, randomUUID())).status]).toEqual([
      404, 404,
    ]);

    expect((await revoke(admin, plain)).status).toBe(204);
    expect((await revoke(owner, ownerInvite)).status).toBe(204);
    expect(await pendingOf(owner)).toEqual([]);
    expect((await mine(outsider)).invitations).toEqual([]);
    const res = await accept(outsider, plain);
    expect([res.status, errorCode(res)]).toEqual([404, "invitation_not_found"]);
    expect(await roleOf(spaceId, outsider.id)).toBeNull();
  });

  it("expires after 14 days; inviting again renews the same invitation", async () => {
    const first = expectReply(await invite(owner, outsider.email), spacesApi.invite).invitation;
    await getDb()
      .update(spaceInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(spaceInvitations.id, first.id));
    expect(await pendingOf(owner)).toEqual([]);
    expect((await mine(outsider)).invitations).toEqual([]);
    expect((await accept(outsider, first.id)).status).toBe(404);

    const renewed = expectReply(await invite(owner, outsider.email, "ADMIN"), spacesApi.invite).invitation;
    expect(renewed.id).toBe(first.id);
    expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.now() + 13 * DAY);
    expect(expectReply(await accept(outsider, renewed.id), spacesApi.acceptInvitation)).toEqual({
      membership: { spaceId, role: "ADMIN" },
    });
  });
});
