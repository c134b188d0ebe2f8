import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { participants } from "@/lib/db/schema/sessions";
import { transcriptSegments, transcriptSegmentTranslations } from "@/lib/db/schema/transcription";
import { transcriptEndpoint } from "@/modules/core/transcripts/api/transcript-endpoint";
import { call, errorCode } from "../support/api";
import { join, newSession, setupSpace } from "../support/sessions";
import { transcriptsApi } from "@/modules/core/transcripts/api/contract";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { expectReply } from "../support/contract";

async function participantId(sessionId: string, identity: string) {
  const [row] = await getDb()
    .select()
    .from(participants)
    .where(and(eq(participants.videoSessionId, sessionId), eq(participants.identity, identity)));
  return row!.id;
}

describe("GET /api/sessions/[slug]/transcript", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let session: { id: string; slug: string };
  let guestCookie: string;

  beforeAll(async () => {
    ctx = await setupSpace();
    session = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const host = await join(session.slug, { user: ctx.host });
    const guest = await join(session.slug, { displayName: "Gina Guest" });
    guestCookie = guest.headers.get("set-cookie")!.split(";")[0]!;
    const hostId = await participantId(session.id, expectReply(host, sessionsApi.join).participant.identity);
    const guestId = await participantId(
      session.id,
      expectReply(guest, sessionsApi.join).participant.identity,
    );
    // The lines are dated 1970: the guest was in the call from before the first (a guest reads
    // only what was said while they were there; transcript-access.test.ts covers that).
    await getDb()
      .update(participants)
      .set({ joinedAt: new Date(0) })
      .where(eq(participants.id, guestId));
    const base = { videoSessionId: session.id, language: "en", provider: "test", confidence: 0.9 };
    // Stored out of speaking order on purpose: createdAt decides, not insertion order.
    await getDb()
      .insert(transcriptSegments)
      .values([
        { ...base, participantId: guestId, utteranceId: "g-1", text: "second", createdAt: new Date(2000) },
        { ...base, participantId: hostId, utteranceId: "h-1", text: "first", createdAt: new Date(1000) },
        { ...base, participantId: hostId, utteranceId: "h-2", text: "third", createdAt: new Date(3000) },
        {
          ...base,
          participantId: hostId,
          utteranceId: "h-3",
          text: "not final",
          isFinal: false,
          createdAt: new Date(4000),
        },
      ]);
    const tr = { videoSessionId: session.id, provider: "gladia" };
    await getDb()
      .insert(transcriptSegmentTranslations)
      .values([
        { ...tr, utteranceId: "h-1", language: "ru", text: "первый" },
        { ...tr, utteranceId: "h-1", language: "de", text: "erste" },
        { ...tr, utteranceId: "g-1", language: "ru", text: "второй" },
      ]);
  });

  it("gives a participant the finals in order with speaker names", async () => {
    const res = await call(transcriptEndpoint, { cookie: guestCookie, params: { slug: session.slug } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(
      expectReply(res, transcriptsApi.transcript).segments.map((s) => [s.utteranceId, s.text, s.speakerName]),
    ).toEqual([
      ["h-1", "first", "Hana Host"],
      ["g-1", "second", "Gina Guest"],
      ["h-2", "third", "Hana Host"],
    ]);
    expect(expectReply(res, transcriptsApi.transcript).segments[0]!.speakerIdentity).toMatch(/^user-/);
    // Each final with its stored translations, so a late joiner reads in their chosen language.
    expect(
      expectReply(res, transcriptsApi.transcript).segments.map(
        (s: { translations: unknown }) => s.translations,
      ),
    ).toEqual([{ ru: "первый", de: "erste" }, { ru: "второй" }, {}]);
  });

  it("gives a member who has not joined, outsiders and anonymous visitors the session's 404", async () => {
    // Who else may read it (space admins, members while shared) is in transcript-access.test.ts.
    for (const user of [ctx.member, ctx.outsider, undefined]) {
      const res = await call(transcriptEndpoint, { user, params: { slug: session.slug } });
      expect([res.status, errorCode(res)]).toEqual([404, "session_not_found"]);
    }
    const closed = await newSession(ctx.host, ctx.spaceId);
    const hidden = await call(transcriptEndpoint, { user: ctx.outsider, params: { slug: closed.slug } });
    expect(hidden.status).toBe(404);
  });

  it("404s a malformed or unknown slug", async () => {
    expect((await call(transcriptEndpoint, { user: ctx.host, params: { slug: "nope" } })).status).toBe(404);
    const unknown = await call(transcriptEndpoint, { user: ctx.host, params: { slug: "abc-defg-hij" } });
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe("session_not_found");
  });
});
