import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "../../src/lib/db/client";
import { videoSessions } from "../../src/lib/db/schema/sessions";
import { addMemberEndpoint } from "../../src/modules/core/spaces/api/member-endpoints";
import { createSpaceEndpoint } from "../../src/modules/core/spaces/api/space-endpoints";
import {
  createSessionEndpoint,
  joinSessionEndpoint,
} from "../../src/modules/core/sessions/api/session-endpoints";
import { call, makeUser, type TestUser } from "./api";

/** A space with its owner (who hosts), one member, and one signed-in outsider. */
export async function setupSpace() {
  const [host, member, outsider] = await Promise.all([
    makeUser("Hana Host"),
    makeUser("Max Member"),
    makeUser("Oscar Out"),
  ]);
  const spaceId = (await call(createSpaceEndpoint, { user: host, json: { name: "Calls" } })).json.space
    .id as string;
  expect(
    (await call(addMemberEndpoint, { user: host, params: { spaceId }, json: { email: member.email } }))
      .status,
  ).toBe(201);
  return { host, member, outsider, spaceId };
}

export async function newSession(host: TestUser, spaceId: string, body: Record<string, unknown> = {}) {
  const res = await call(createSessionEndpoint, {
    user: host,
    params: { spaceId },
    json: { title: "Standup", ...body },
  });
  expect(res.status).toBe(201);
  return res.json.session as { id: string; slug: string; status: string };
}

export const join = (slug: string, opts: { user?: TestUser; cookie?: string; displayName?: string } = {}) =>
  call(joinSessionEndpoint, {
    user: opts.user,
    cookie: opts.cookie,
    params: { slug },
    json: opts.displayName ? { displayName: opts.displayName } : {},
  });

export async function sessionRow(id: string) {
  const [row] = await getDb().select().from(videoSessions).where(eq(videoSessions.id, id));
  return row!;
}
