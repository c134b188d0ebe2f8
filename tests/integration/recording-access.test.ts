import { stat } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { EgressStatus } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { recordings } from "@/lib/db/schema/recordings";
import { endSessionEndpoint } from "@/modules/core/sessions/api/session-endpoints";
import {
  deleteRecordingEndpoint,
  listRecordingsEndpoint,
  recordingFileEndpoint,
  startRecordingEndpoint,
  stopRecordingEndpoint,
} from "@/modules/core/recording/api/recording-endpoints";
import { applyRecorderEvent } from "@/modules/core/recording/application/apply-recorder-event";
import { sweepStaleRecordings } from "@/modules/core/recording/application/sweep-stale-recordings";
import { findRecording, insertStartingRecording } from "@/modules/core/recording/infra/recording-repository";
import { call, errorCode, makeUser, type CallOptions, type TestUser } from "../support/api";
import { recordWithEgressStandIn } from "../support/egress-standin";
import { join, liveSession, newSession, setupSpace } from "../support/sessions";
import { addMember } from "../support/members";
import { createLogger } from "@/lib/logger";
import { recordingsApi } from "@/modules/core/recording/api/contract";
import { expectReply } from "../support/contract";
import { readyRecording, recordingAsLeft } from "../support/recording-rows";

type Who = { user?: TestUser; cookie?: string };

describe("recording access: start, stop, delete, playback and download", () => {
  let standIn: Awaited<ReturnType<typeof recordWithEgressStandIn>>;
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let host: TestUser; // created the session; a plain member of the space
  let owner: TestUser; // the space's owner
  let participant: TestUser;
  let guestCookie: string;
  let session: { id: string; slug: string };
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

  beforeAll(async () => {
    // A real recorder per start would be the local one's integration test; here Egress (stand-in).
    standIn = await recordWithEgressStandIn();
    ctx = await setupSpace();
    owner = ctx.host;
    host = ctx.member;
    participant = await makeUser("Pia Part");
    await addMember(owner, ctx.spaceId, participant);
    session = await liveSession(host, ctx.spaceId, { allowGuests: true });
    expect((await join(session.slug, { user: host })).status).toBe(200);
    expect((await join(session.slug, { user: participant })).status).toBe(200);
    const guest = await join(session.slug, { displayName: "Gina Guest" });
    guestCookie = guest.headers.get("set-cookie")!.split(";")[0]!;
  });
  afterAll(async () => {
    await standIn?.close();
  });

  const as = (who: Who, opts: CallOptions = {}) => ({ ...opts, user: who.user, cookie: who.cookie });
  const start = (who: Who, slug = session.slug) =>
    call(startRecordingEndpoint, as(who, { params: { slug } }));
  const stop = (who: Who, id: string) =>
    call(stopRecordingEndpoint, as(who, { params: { slug: session.slug, id }, method: "POST" }));
  const remove = (who: Who, id: string) =>
    call(deleteRecordingEndpoint, as(who, { params: { slug: session.slug, id }, method: "DELETE" }));
  const file = (who: Who, id: string, opts: { range?: string; download?: boolean } = {}) =>
    call(
      recordingFileEndpoint,
      as(who, {
        params: { slug: session.slug, id },
        headers: opts.range ? { range: opts.range } : {},
        query: opts.download ? { download: "1" } : {},
      }),
    );

  /** A finished recording whose file is a small known byte sequence under DATA_DIR. */
  const readyOne = () => readyRecording(getDb(), { id: session.id, startedByUserId: host.id }, bytes);

  it("start and stop: host and space owner only; participant and outsider 403, a guest without an account 401", async () => {
    expect((await start({ user: participant })).status).toBe(403);
    expect((await start({ user: ctx.outsider })).status).toBe(403);
    expect((await start({ cookie: guestCookie })).status).toBe(401);
    expect((await start({})).status).toBe(401);
    const started = await start({ user: host });
    expect(started.status).toBe(201);
    const id = expectReply(started, recordingsApi.start).recording.id as string;
    // The owner gets past the access check: refused only because one is already running.
    const second = await start({ user: owner });
    expect([second.status, errorCode(second)]).toEqual([409, "recording_already_running"]);

    expect((await stop({ user: participant }, id)).status).toBe(403);
    expect((await stop({ user: ctx.outsider }, id)).status).toBe(403);
    expect((await stop({ cookie: guestCookie }, id)).status).toBe(401);
    expect((await findRecording(getDb(), id))!.stopRequestedAt).toBeNull();
    const stopped = await stop({ user: owner }, id);
    expect(stopped.status).toBe(200);
    expect(expectReply(stopped, recordingsApi.stop).recording.stopRequested).toBe(true);
    await applyRecorderEvent(getDb(), {
      type: "failed",
      externalId: (await findRecording(getDb(), id))!.externalId!,
      at: new Date(),
      reason: "test",
    });
  });

  it("playback and download: the call's participants, host and owner; guests and outsiders get 404", async () => {
    const id = await readyOne();
    for (const [name, who] of [
      ["participant", { user: participant }],
      ["host", { user: host }],
      ["space owner", { user: owner }],
    ] as [string, Who][]) {
      const res = await file(who, id);
      expect([name, res.status]).toEqual([name, 200]);
      expect(res.headers.get("content-type")).toBe("video/mp4");
      expect(res.headers.get("accept-ranges")).toBe("bytes");
      expect(Buffer.from(res.text, "latin1").length).toBeGreaterThan(0);
      const dl = await file(who, id, { download: true });
      expect([name, dl.status]).toEqual([name, 200]);
      expect(dl.headers.get("content-disposition")).toMatch(/^attachment; filename="recording-.+\.mp4"$/);
    }
    for (const [name, who] of [
      ["outsider", { user: ctx.outsider }],
      ["anonymous", {}],
    ] as [string, Who][]) {
      const res = await file(who, id);
      expect([name, res.status, errorCode(res)]).toEqual([name, 404, "session_not_found"]);
      expect((await file(who, id, { download: true })).status).toBe(404);
    }
    // A guest of the call (not a space member): the file holds the whole call (issue 14), so it is
    // neither served nor listed to them (transcript-access.test.ts has the rest of the rule).
    const asGuest = await file({ cookie: guestCookie }, id);
    expect([asGuest.status, errorCode(asGuest)]).toEqual([404, "recording_not_found"]);
    const guestList = await call(listRecordingsEndpoint, {
      cookie: guestCookie,
      params: { slug: session.slug },
    });
    expect(guestList.status).toBe(200);
    expect(
      expectReply(guestList, recordingsApi.list).recordings.map((r: { id: string }) => r.id),
    ).not.toContain(id);
    const list = await call(listRecordingsEndpoint, { user: ctx.outsider, params: { slug: session.slug } });
    expect(list.status).toBe(404);
  });

  it("serves byte ranges so the player can seek: 206 with Content-Range, suffix ranges, 416 past the end", async () => {
    const id = await readyOne();
    const raw = async (range: string) => {
      const res = await recordingFileEndpoint(
        new (await import("next/server")).NextRequest("http://localhost:3000/x", {
          headers: { cookie: participant.cookie, range, "x-rooms-peer-address": "10.77.0.1" },
        }),
        { params: Promise.resolve({ slug: session.slug, id }) },
      );
      return { res, body: Buffer.from(await res.arrayBuffer()) };
    };
    const mid = await raw("bytes=10-19");
    expect(mid.res.status).toBe(206);
    expect(mid.res.headers.get("content-range")).toBe(`bytes 10-19/${bytes.length}`);
    expect(mid.res.headers.get("content-length")).toBe("10");
    expect(mid.body.equals(bytes.subarray(10, 20))).toBe(true);
    const tail = await raw("bytes=-5");
    expect(tail.res.status).toBe(206);
    expect(tail.body.equals(bytes.subarray(bytes.length - 5))).toBe(true);
    const open = await raw("bytes=990-");
    expect(open.res.headers.get("content-range")).toBe(`bytes 990-999/${bytes.length}`);
    const past = await raw(`bytes=${bytes.length}-`);
    expect(past.res.status).toBe(416);
    expect(past.res.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
    const whole = await raw("");
    expect(whole.res.status).toBe(200);
    expect(whole.body.equals(bytes)).toBe(true);
  });

  it("delete: host and owner only, never while recording; the file goes with it", async () => {
    const id = await readyOne();
    const onDisk = path.resolve(process.env.DATA_DIR!, `recordings/${id}.mp4`);
    expect((await remove({ user: participant }, id)).status).toBe(403);
    expect((await remove({ user: ctx.outsider }, id)).status).toBe(403);
    expect((await remove({ cookie: guestCookie }, id)).status).toBe(401);
    await stat(onDisk);
    expect((await remove({ user: owner }, id)).status).toBe(204);
    await expect(stat(onDisk)).rejects.toMatchObject({ code: "ENOENT" });
    expect(errorCode(await file({ user: participant }, id))).toBe("recording_not_found");

    const running = expectReply(await start({ user: host }), recordingsApi.start).recording.id as string;
    const refused = await remove({ user: host }, running);
    expect([refused.status, errorCode(refused)]).toEqual([409, "recording_still_running"]);
    await applyRecorderEvent(getDb(), {
      type: "failed",
      externalId: (await findRecording(getDb(), running))!.externalId!,
      at: new Date(),
      reason: "test",
    });
    expect((await remove({ user: host }, running)).status).toBe(204);
  });

  it("refuses to record a session created with recording not allowed, or one that is not live", async () => {
    const noRec = await liveSession(host, ctx.spaceId, { recordingAllowed: false });
    const refused = await start({ user: host }, noRec.slug);
    expect([refused.status, errorCode(refused)]).toEqual([409, "recording_not_allowed"]);
    const list = await call(listRecordingsEndpoint, { user: host, params: { slug: noRec.slug } });
    expect(expectReply(list, recordingsApi.list)).toMatchObject({ recordingAllowed: false, recordings: [] });
    const notLive = await newSession(host, ctx.spaceId);
    const early = await start({ user: host }, notLive.slug);
    expect([early.status, errorCode(early)]).toEqual([409, "session_not_live"]);
  });

  it("concurrent starts yield one recording and one Egress", async () => {
    const s = await liveSession(host, ctx.spaceId);
    const before = standIn.egresses.size;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => start({ user: i % 2 ? owner : host }, s.slug)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(standIn.egresses.size).toBe(before + 1);
    const rows = await getDb().select().from(recordings).where(eq(recordings.videoSessionId, s.id));
    expect(rows).toHaveLength(1);
  });

  it("the sweep marks recordings whose recorder went quiet FAILED, and leaves live ones alone", async () => {
    const now = new Date();
    const ago = (s: number) => new Date(now.getTime() - s * 1000);
    const mk = async (recorder: "LOCAL" | "EGRESS", status: "STARTING" | "RECORDING", heartbeat: Date) =>
      recordingAsLeft(getDb(), (await newSession(host, ctx.spaceId)).id, { recorder, status, heartbeat });
    const dead = await mk("LOCAL", "RECORDING", ago(25));
    const alive = await mk("LOCAL", "RECORDING", ago(3));
    const booting = await mk("LOCAL", "STARTING", ago(25));
    const neverStarted = await mk("LOCAL", "STARTING", ago(90));
    const egressRecording = await mk("EGRESS", "RECORDING", ago(600));
    const egressNeverStarted = await mk("EGRESS", "STARTING", ago(150));
    const failed = await sweepStaleRecordings(
      getDb(),
      { recorder: null, log: createLogger("test", "silent") },
      { now },
    );
    // The sweep covers the whole database, which other test files share: judge this test's rows.
    const mine = [dead, alive, booting, neverStarted, egressRecording, egressNeverStarted];
    expect(failed.filter((id) => mine.includes(id)).sort()).toEqual(
      [dead, neverStarted, egressNeverStarted].sort(),
    );
    expect(await findRecording(getDb(), dead)).toMatchObject({
      status: "FAILED",
      failureReason: "The recorder stopped responding.",
    });
    for (const id of [alive, booting, egressRecording]) {
      expect((await findRecording(getDb(), id))!.status).not.toBe("FAILED");
    }
    // A new recording can start in a session whose recorder died.
    const s = (await getDb().select().from(recordings).where(eq(recordings.id, dead)))[0]!;
    expect(
      (
        await insertStartingRecording(getDb(), {
          videoSessionId: s.videoSessionId,
          startedByUserId: null,
          recorder: "LOCAL",
          at: now,
        })
      )?.status,
    ).toBe("STARTING");
  });

  it("stopping a local recording while Egress is configured stores the stop its recorder polls for", async () => {
    const s = await newSession(host, ctx.spaceId);
    const row = (await insertStartingRecording(getDb(), {
      videoSessionId: s.id,
      startedByUserId: host.id,
      recorder: "LOCAL",
      at: new Date(),
    }))!;
    await applyRecorderEvent(getDb(), {
      type: "started",
      externalId: "local-run",
      recordingId: row.id,
      at: new Date(),
    });
    const res = await call(stopRecordingEndpoint, {
      user: host,
      params: { slug: s.slug, id: row.id },
      method: "POST",
    });
    expect(res.status).toBe(200);
    expect(expectReply(res, recordingsApi.stop).recording).toMatchObject({
      status: "RECORDING",
      stopRequested: true,
    });
  });

  it("ending the session stops its recording (the recorder is asked to finish the file)", async () => {
    const s = await liveSession(host, ctx.spaceId);
    const id = expectReply(await start({ user: host }, s.slug), recordingsApi.start).recording.id as string;
    const egressId = (await findRecording(getDb(), id))!.externalId!;
    await applyRecorderEvent(getDb(), { type: "started", externalId: egressId, at: new Date() });
    const ended = await call(endSessionEndpoint, { user: host, params: { slug: s.slug }, method: "POST" });
    expect(ended.status).toBe(200);
    expect((await findRecording(getDb(), id))!.stopRequestedAt).not.toBeNull();
    expect(standIn.egresses.get(egressId)!.status).toBe(EgressStatus.EGRESS_ENDING);
  });
});
