import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "@/server/db";
import { videoSessions } from "@/lib/db/schema/sessions";
import { createSessionEndpoint } from "@/modules/core/sessions/api/session-endpoints";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { call, errorBody, errorCode, type CallResult, type TestUser } from "./api";
import { expectReply } from "./contract";

/** POST a session as `user` with the UI language `locale` (the locale cookie the language switch sets). */
export async function createAs(
  user: TestUser,
  spaceId: string,
  json: Record<string, unknown>,
  locale: "en" | "ru" = "en",
) {
  return call(createSessionEndpoint, {
    user,
    params: { spaceId },
    json: { title: "Languages", ...json },
    cookie: `${user.cookie}; rooms-locale=${locale}`,
  });
}

/** The stored language of the session a 201 answered with. */
export async function storedLanguage(res: CallResult) {
  const { session } = expectReply(res, sessionsApi.create);
  const [row] = await getDb().select().from(videoSessions).where(eq(videoSessions.id, session.id));
  return row!.transcriptionLanguage;
}

/** A 422 caption_language_unsupported that stored nothing titled `title`. */
export async function expectRefused(res: CallResult, spaceId: string) {
  expect(res.status, res.text).toBe(422);
  expect(errorCode(res)).toBe("caption_language_unsupported");
  const rows = await getDb().select().from(videoSessions).where(eq(videoSessions.spaceId, spaceId));
  expect(rows.filter((r) => r.title === "Refused")).toEqual([]);
  return errorBody(res);
}
