import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { participants, videoSessions } from "@/lib/db/schema/sessions";
import { transcriptSegments } from "@/lib/db/schema/transcription";
import { GUEST_COOKIE, verifyGuestCookie } from "@/server/http/guest-cookie";
import { findSessionUser } from "@/modules/core/identity/infra/user-repository";
import {
  transcriptEndpoint,
  transcriptExportEndpoint,
  transcriptSharingEndpoint,
} from "@/modules/core/transcripts/api/transcript-endpoint";
import {
  getTranscriptPage,
  type PageRequest,
} from "@/modules/core/transcripts/application/get-transcript-page";
import { call, errorCode, makeUser, type TestUser } from "../support/api";
import { join, newSession, setupSpace } from "../support/sessions";
import { addMember } from "../support/members";
import { transcriptsApi } from "@/modules/core/transcripts/api/contract";
import { expectReply } from "../support/contract";

type Who = { user?: TestUser; cookie?: string };

describe("transcript access: page, exports, sharing", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let admin: TestUser;
  let participant: TestUser;
  let session: { id: string; slug: string };
  let guestCookie: string;

  const exportAs = (who: Who, format = "txt") =>
    call(transcriptExportEndpoint, {
      ...who,
      params: { slug: session.slug },
      query: { format },
    });

  beforeAll(async () => {
    ctx = await setupSpace();
    [admin, participant] = await Promise.all([makeUser("Ada Admin"), makeUser("Pia Part")]);
    for (const [u, role] of [
      [admin, "ADMIN"],
      [participant, "MEMBER"],
    ] as const) {
      await addMember(ctx.host, ctx.spaceId, u, role);
    }
    session = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    await join(session.slug, { user: participant });
    const guest = await join(session.slug, { displayName: "Gina Guest" });
    guestCookie = guest.headers.get("set-cookie")!.split(";")[0]!;
    const [p] = await getDb()
      .select()
      .from(participants)
      .where(and(eq(participants.videoSessionId, session.id), eq(participants.userId, participant.id)));
    await getDb().insert(transcriptSegments).values({
      videoSessionId: session.id,
      participantId: p!.id,
      utteranceId: "u-1",
      text: "hello",
      provider: "test",
    });
  });

  const cases = (): [string, Who][] => [
    ["participant", { user: participant }],
    ["guest participant", { cookie: guestCookie }],
    ["host", { user: ctx.host }],
    ["space admin", { user: admin }],
  ];

  it("lets participants, the host and space admins read the transcript and every export", async () => {
    for (const [name, who] of cases()) {
      const list = await call(transcriptEndpoint, { ...who, params: { slug: session.slug } });
      expect([name, list.status]).toEqual([name, 200]);
      expect(
        expectReply(list, transcriptsApi.transcript).segments.map((s: { text: string }) => s.text),
      ).toEqual(["hello"]);
      const page = await getTranscriptPage(getDb(), {
        slug: session.slug,
        viewer: {
          user: who.user ? await findSessionUser(getDb(), who.user.id) : null,
          guestId: guestIdOf(who),
        },
      });
      expect(page.segments.map((s) => s.text)).toEqual(["hello"]);
    }
  });

  it("hides it from an outsider, an anonymous visitor and, while not shared, a member who was not in the call", async () => {
    for (const who of [{ user: ctx.outsider }, {}, { user: ctx.member }] as Who[]) {
      const list = await call(transcriptEndpoint, { ...who, params: { slug: session.slug } });
      expect([list.status, errorCode(list)]).toEqual([404, "session_not_found"]);
      const file = await exportAs(who);
      expect([file.status, errorCode(file)]).toEqual([404, "session_not_found"]);
    }
  });

  it("the host shares it with the space members and takes it back; participants and members cannot", async () => {
    const share = (who: Who, shared: unknown) =>
      call(transcriptSharingEndpoint, {
        ...who,
        method: "PATCH",
        params: { slug: session.slug },
        json: { shared },
      });
    expect((await share({ user: participant }, true)).status).toBe(403);
    expect((await share({ user: ctx.member }, true)).status).toBe(404);
    expect((await share({ user: ctx.outsider }, true)).status).toBe(404);
    expect((await share({ cookie: guestCookie }, true)).status).toBe(401);
    expect(errorCode(await share({ user: ctx.host }, "yes"))).toBe("validation_failed");

    const on = await share({ user: ctx.host }, true);
    expect(expectReply(on, transcriptsApi.transcriptSharing)).toEqual({ shared: true });
    expect(
      (await call(transcriptEndpoint, { user: ctx.member, params: { slug: session.slug } })).status,
    ).toBe(200);
    expect((await exportAs({ user: ctx.member })).status).toBe(200);
    // Sharing is for the space, not the world.
    expect((await exportAs({ user: ctx.outsider })).status).toBe(404);

    expect(expectReply(await share({ user: admin }, false), transcriptsApi.transcriptSharing)).toEqual({
      shared: false,
    });
    const [row] = await getDb().select().from(videoSessions).where(eq(videoSessions.id, session.id));
    expect(row!.transcriptShared).toBe(false);
    expect((await exportAs({ user: ctx.member })).status).toBe(404);
  });
});

function guestIdOf(who: Who): string | null {
  return verifyGuestCookie(who.cookie?.replace(`${GUEST_COOKIE}=`, ""));
}

describe("GET /api/sessions/[slug]/transcript/export", () => {
  it("sends each format as an attachment and refuses an unknown format", async () => {
    const ctx = await setupSpace();
    const session = await newSession(ctx.host, ctx.spaceId);
    await getDb()
      .insert(transcriptSegments)
      .values({ videoSessionId: session.id, utteranceId: "x", text: "a <b> & c", provider: "test" });
    const get = (format: string) =>
      call(transcriptExportEndpoint, { user: ctx.host, params: { slug: session.slug }, query: { format } });
    const vtt = await get("vtt");
    expect(vtt.status).toBe(200);
    expect(vtt.headers.get("content-type")).toBe("text/vtt; charset=utf-8");
    // Named by the session's title and day (export-filename.test.ts has the rules).
    expect(vtt.headers.get("content-disposition")).toMatch(
      /^attachment; filename="Standup \d{4}-\d{2}-\d{2}\.vtt"$/,
    );
    expect(vtt.text).toContain("<v Unknown speaker>a &lt;b&gt; &amp; c");
    expect(JSON.parse((await get("json")).text).segments[0].text).toBe("a <b> & c");
    for (const format of ["srt", "txt", "md"]) expect((await get(format)).status).toBe(200);
    const bad = await get("docx");
    expect([bad.status, errorCode(bad)]).toEqual([422, "validation_failed"]);
  });
});

describe("getTranscriptPage", () => {
  it("pages by 200, finds the page of a linked segment, a moment or a search, and ignores another session's segment", async () => {
    const ctx = await setupSpace();
    const session = await newSession(ctx.host, ctx.spaceId);
    const other = await newSession(ctx.host, ctx.spaceId);
    const origin = new Date(Date.now() - 3_600_000);
    await getDb().update(videoSessions).set({ startedAt: origin }).where(eq(videoSessions.id, session.id));
    const rows = await getDb()
      .insert(transcriptSegments)
      .values(
        Array.from({ length: 450 }, (_, i) => ({
          videoSessionId: session.id,
          utteranceId: `p-${i}`,
          text: i === 333 ? "The Budget grows" : `line ${i}`,
          startMs: 0,
          endMs: 1000,
          provider: "test",
          createdAt: new Date(origin.getTime() + 1000 + i * 5000),
        })),
      )
      .returning({ id: transcriptSegments.id, utteranceId: transcriptSegments.utteranceId });
    const id = (i: number) => rows.find((r) => r.utteranceId === `p-${i}`)!.id;
    const [foreign] = await getDb()
      .insert(transcriptSegments)
      .values({ videoSessionId: other.id, utteranceId: "f", text: "secret", provider: "test" })
      .returning();
    const host = await findSessionUser(getDb(), ctx.host.id);
    const read = (req: PageRequest) =>
      getTranscriptPage(getDb(), { slug: session.slug, viewer: { user: host, guestId: null }, ...req });

    const first = await read({});
    expect([first.page, first.pageCount, first.total, first.segments.length]).toEqual([1, 3, 450, 200]);
    expect(first.segments[0]!.offsetMs).toBe(0);
    expect(first.segments[1]!.offsetMs).toBe(5000);

    const linked = await read({ segment: id(333) });
    expect([linked.page, linked.focusId, linked.segments[133]!.id]).toEqual([2, id(333), id(333)]);

    const moment = await read({ atMs: 420 * 5000 });
    expect([moment.page, moment.focusId]).toEqual([3, id(420)]);
    expect((await read({ atMs: 10 * 3_600_000 })).focusId).toBeNull();

    const stray = await read({ segment: foreign!.id });
    expect([stray.page, stray.focusId]).toEqual([1, null]);
    expect((await read({ page: 99 })).page).toBe(3);

    const found = await read({ query: "budget" });
    expect(found.search).toMatchObject({ query: "budget", total: 1 });
    expect(found.search!.results.map((r) => r.id)).toEqual([id(333)]);
    // A search alone opens the page of its first match, focused; a page asked for wins.
    expect([found.page, found.focusId]).toEqual([2, id(333)]);
    const paged = await read({ query: "budget", page: 1 });
    expect([paged.page, paged.focusId]).toEqual([1, null]);
    // Literal search: LIKE wildcards match nothing special.
    expect((await read({ query: "%" })).search!.total).toBe(0);
  });
});
