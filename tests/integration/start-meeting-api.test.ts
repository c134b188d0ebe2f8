import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { videoSessions } from "@/lib/db/schema/sessions";
import { startMeetingEndpoint } from "@/modules/core/sessions/api/meeting-endpoints";
import { meetingsApi } from "@/modules/core/sessions/api/contract";
import { createSpaceEndpoint } from "@/modules/core/spaces/api/space-endpoints";
import { spacesApi } from "@/modules/core/spaces/api/contract";
import { call, errorCode, makeUser, type TestUser } from "../support/api";
import { expectReply } from "../support/contract";
import { addMember } from "../support/members";
import { join, newSession } from "../support/sessions";

const body = { title: "Meeting 5 Dec, 10:00", firstSpaceName: "My meetings" };
const start = async (user: TestUser) =>
  expectReply(await call(startMeetingEndpoint, { user, json: body }), meetingsApi.start);
const spaceOf = async (slug: string) => {
  const [row] = await getDb().select().from(videoSessions).where(eq(videoSessions.slug, slug));
  return row!;
};
const makeSpace = async (user: TestUser, name: string) =>
  expectReply(await call(createSpaceEndpoint, { user, json: { name } }), spacesApi.create).space.id;

describe("New meeting (one click from the dashboard)", () => {
  it("a user without a space gets their first one, and the session lands in it", async () => {
    const user = await makeUser("Newcomer");
    const started = await start(user);
    expect(started.space).toMatchObject({ name: "My meetings", created: true });
    expect(started.session.path).toBe(`/s/${started.session.slug}`);
    const row = await spaceOf(started.session.slug);
    expect(row).toMatchObject({ spaceId: started.space.id, title: body.title, createdByUserId: user.id });
    expect(row.status).toBe("CREATED");
    // The second click reuses that space.
    const again = await start(user);
    expect(again.space).toEqual({ ...started.space, created: false });
  });

  it("with several spaces: the one last used, else the newest owned", async () => {
    const [user, other] = await Promise.all([makeUser("Busy"), makeUser("Other")]);
    const older = await makeSpace(user, "Older own");
    const newer = await makeSpace(user, "Newer own");
    const theirs = await makeSpace(other, "Theirs");
    await addMember(other, theirs, user);
    // Nothing used yet: the newest space they own.
    expect((await start(user)).space.id).toBe(newer);

    // They join a call in the other person's space: that is now the most recent.
    const session = await newSession(other, theirs);
    expect((await join(session.slug, { user })).status).toBe(200);
    expect((await start(user)).space.id).toBe(theirs);

    // Creating a session in the older space makes that one the latest used.
    await newSession(user, older);
    expect((await start(user)).space.id).toBe(older);
  });

  it("needs a signed-in user and a valid title", async () => {
    const anonymous = await call(startMeetingEndpoint, { json: body });
    expect(anonymous.status).toBe(401);
    const user = await makeUser("Typist");
    const bad = await call(startMeetingEndpoint, { user, json: { ...body, title: "" } });
    expect(bad.status).toBe(422);
    expect(errorCode(bad)).toBe("validation_failed");
  });
});
