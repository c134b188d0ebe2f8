import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import { transcriptSegments } from "@/lib/db/schema/transcription";
import { GUEST_COOKIE, verifyGuestCookie } from "@/server/http/guest-cookie";
import {
  transcriptEndpoint,
  transcriptExportEndpoint,
} from "@/modules/core/transcripts/api/transcript-endpoint";
import { getTranscriptPage } from "@/modules/core/transcripts/application/get-transcript-page";
import { call, errorCode, makeUser, type TestUser } from "../support/api";
import { addMember } from "../support/members";
import { join, newSession, setupSpace } from "../support/sessions";
import { transcriptsApi } from "@/modules/core/transcripts/api/contract";
import { expectReply } from "../support/contract";

type Who = { user?: TestUser; cookie?: string };
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/**
 * Issue 14 defect 10: a guest (a participant from outside the space) reads only what was said
 * while they were in the call, and only for 30 days after it ended; members keep the whole of it.
 */
describe("a guest's access to the transcript", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let participant: TestUser; // a space member who was in the call
  let outsiderGuest: TestUser; // signed in, not a member: a guest too
  let session: { id: string; slug: string };
  let guestCookie: string;
  const joinedAt = new Date(Date.now() - 60 * MIN);
  const leftAt = new Date(Date.now() - 30 * MIN);

  const lines = (who: Who) => call(transcriptEndpoint, { ...who, params: { slug: session.slug } });
  const texts = async (who: Who) => {
    const res = await lines(who);
    expect(res.status).toBe(200);
    return expectReply(res, transcriptsApi.transcript).segments.map(
      (s: { text: string }) => s.text,
    ) as string[];
  };
  const endedDaysAgo = (days: number) =>
    getDb()
      .update(videoSessions)
      .set({ status: "ENDED", endedAt: new Date(Date.now() - days * DAY) })
      .where(eq(videoSessions.id, session.id));

  beforeAll(async () => {
    ctx = await setupSpace();
    [participant, outsiderGuest] = await Promise.all([makeUser("Pia Part"), makeUser("Olga Out")]);
    await addMember(ctx.host, ctx.spaceId, participant);
    session = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    await join(session.slug, { user: participant });
    await join(session.slug, { user: outsiderGuest });
    const guest = await join(session.slug, { displayName: "Gina Guest" });
    guestCookie = guest.headers.get("set-cookie")!.split(";")[0]!;
    // Both guests were in the call from 60 to 30 minutes ago.
    await getDb()
      .update(participants)
      .set({ joinedAt, leftAt })
      .where(and(eq(participants.videoSessionId, session.id), eq(participants.role, "GUEST")));
    const [p] = await getDb()
      .select()
      .from(participants)
      .where(and(eq(participants.videoSessionId, session.id), eq(participants.userId, participant.id)));
    const at = (d: Date, deltaMs: number) => new Date(d.getTime() + deltaMs);
    await getDb()
      .insert(transcriptSegments)
      .values(
        [
          ["u-before", "said before they came", at(joinedAt, -5 * MIN)],
          ["u-during", "said while they were here", at(joinedAt, 5 * MIN)],
          ["u-after", "said after they left", at(leftAt, 5 * MIN)],
        ].map(([utteranceId, text, createdAt]) => ({
          videoSessionId: session.id,
          participantId: p!.id,
          utteranceId: utteranceId as string,
          text: text as string,
          provider: "test",
          createdAt: createdAt as Date,
        })),
      );
  });

  it("shows a guest only the lines said while they were in the call, in the list, page, search, links and exports", async () => {
    for (const who of [{ cookie: guestCookie }, { user: outsiderGuest }] as Who[]) {
      expect(await texts(who)).toEqual(["said while they were here"]);
      const file = await call(transcriptExportEndpoint, {
        ...who,
        params: { slug: session.slug },
        query: { format: "txt" },
      });
      expect(file.status).toBe(200);
      expect(file.text).toContain("said while they were here");
      expect(file.text).not.toMatch(/before they came|after they left/);
    }
    const viewer = { user: null, guestId: verifyGuestCookie(guestCookie.replace(`${GUEST_COOKIE}=`, "")) };
    const page = await getTranscriptPage(getDb(), { slug: session.slug, viewer, query: "said" });
    expect(page.total).toBe(1);
    expect(page.search!.results.map((r) => r.text)).toEqual(["said while they were here"]);
    expect(page.guest).toMatchObject({ from: joinedAt, to: leftAt, expiresAt: null });
    // A shared link to a line from before they came does not open it.
    const [before] = await getDb()
      .select()
      .from(transcriptSegments)
      .where(
        and(
          eq(transcriptSegments.videoSessionId, session.id),
          eq(transcriptSegments.utteranceId, "u-before"),
        ),
      );
    const linked = await getTranscriptPage(getDb(), { slug: session.slug, viewer, segment: before!.id });
    expect(linked.focusId).toBeNull();
    expect(linked.segments.map((s) => s.text)).toEqual(["said while they were here"]);
    // A member of the space who was in the call reads all of it.
    expect(await texts({ user: participant })).toHaveLength(3);
  });

  it("ends a guest's access 30 days after the call ended; members keep theirs", async () => {
    await endedDaysAgo(29);
    expect(await texts({ cookie: guestCookie })).toEqual(["said while they were here"]);
    await endedDaysAgo(31);
    for (const who of [{ cookie: guestCookie }, { user: outsiderGuest }] as Who[]) {
      const res = await lines(who);
      expect([res.status, errorCode(res)]).toEqual([404, "session_not_found"]);
    }
    expect(await texts({ user: participant })).toHaveLength(3);
    expect(await texts({ user: ctx.host })).toHaveLength(3);
  });
});
