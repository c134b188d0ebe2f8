import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { recordings } from "@/lib/db/schema/recordings";
import { videoSessions } from "@/lib/db/schema/sessions";
import { devSignIn } from "../support/browser";
import { callPeople, createSession, spaceWithMember } from "../support/call-people";
import { PROBE_H, PROBE_W, audioRms, discover, grayFrames, meanLuma } from "../support/media-probe";
import { joinCall, recordingIndicator } from "../support/recording-call";
import { MEETING_SENTENCES, speechWav } from "../support/speech";
import { readError } from "../support/contract";

/**
 * Recording end to end: two people in a real LiveKit call, each in a Chromium of their own whose
 * fake microphone plays festival speech and whose fake camera is Chromium's moving pattern. The
 * host records about 30 s with the embedded local recorder; both screens show the indicator (the
 * second person is told before joining); the READY file is downloaded through the app and read
 * with GStreamer's own tools; on the transcript page, clicking a line moves the player there.
 */

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const host = { name: "Rita Recorder", email: `rita-${run}@example.test` };
const guest = { name: "Gil Guest", email: `gil-${run}@example.test` };
const RECORD_MS = 30_000;

const { db, pool } = createDb(inject("databaseUrl"), 2);
const people = callPeople(baseUrl);
const { openPreJoin, shot } = people;
const indicator = recordingIndicator;
const join = joinCall;
const tmp = mkdtempSync(path.join(os.tmpdir(), "rooms-recording-e2e-"));

// Looped (no %noloop): both keep talking for the whole recording. Different sentences each.
const hostSpeech = speechWav({
  sentences: MEETING_SENTENCES.slice(0, 3),
  sampleRate: 48_000,
  leadingSilenceMs: 500,
  trailingSilenceMs: 1500,
});
const guestSpeech = speechWav({
  sentences: MEETING_SENTENCES.slice(3, 5),
  sampleRate: 48_000,
  leadingSilenceMs: 3000,
  trailingSilenceMs: 1500,
});

/** Share of a grey frame's pixels in columns [x0, x1) brighter than 64 (video black is 16). */
function brightShare(frame: Buffer, x0: number, x1: number): number {
  let bright = 0;
  for (let y = 0; y < PROBE_H; y++) for (let x = x0; x < x1; x++) if (frame[y * PROBE_W + x]! > 64) bright++;
  return bright / (PROBE_H * (x1 - x0));
}

async function recordingRows(sessionId: string) {
  return db.select().from(recordings).where(eq(recordings.videoSessionId, sessionId));
}

describe("recording a call and playing it beside the transcript", () => {
  let hostPage: Page;
  let guestPage: Page;
  let spaceId: string;

  beforeAll(async () => {
    guestPage = await people.page({ wav: guestSpeech });
    await devSignIn(guestPage, baseUrl, guest);
    hostPage = await people.page({ wav: hostSpeech });
    await devSignIn(hostPage, baseUrl, host);
    spaceId = await spaceWithMember(hostPage, baseUrl, `Rec ${run}`, guest.email, guestPage);
  });

  afterAll(async () => {
    await people.close();
    await pool.end();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("records ~30 s with the indicator on both screens; the file plays; a line seeks the player", async () => {
    const session = await createSession(hostPage, baseUrl, spaceId, {
      title: `Recorded ${run}`,
      transcriptionLanguage: "en",
    });
    const { slug } = session;

    await openPreJoin(hostPage, slug);
    await join(hostPage);
    // Before anything is recorded the pre-join screen says nothing about it.
    await openPreJoin(guestPage, slug);
    expect(await guestPage.getByTestId("prejoin-recording").count()).toBe(0);

    const record = hostPage.getByTestId("record-button");
    await record.click();
    await indicator(hostPage).waitFor({ timeout: 30_000 });
    const [started] = (await recordingRows(session.id)).filter((r) => r.status === "RECORDING");
    expect(started, "a RECORDING row").toBeDefined();
    // Announced in the room, by name.
    await hostPage.getByTestId("recording-notice").getByText(`${host.name} started recording`).waitFor();

    // The guest, on the pre-join screen since before it started, is told when they press Join,
    // and stays there until they press it again.
    await guestPage.getByRole("button", { name: "Join", exact: true }).click();
    const told = guestPage.getByTestId("prejoin-recording");
    await told.waitFor();
    expect(await told.textContent()).toContain("This call is being recorded");
    expect(await guestPage.getByRole("toolbar", { name: "Call controls" }).count()).toBe(0);
    // Someone arriving now reads it on the page as it loads.
    await guestPage.reload();
    await told.waitFor();
    await shot(guestPage, "recording-prejoin");
    await join(guestPage);
    await indicator(guestPage).waitFor({ timeout: 10_000 });
    expect(await guestPage.getByTestId("record-button").count()).toBe(0);
    await shot(hostPage, "recording-call-host");
    await shot(guestPage, "recording-call-guest");

    // Stop ~30 s after the recorder began writing (its "started" report is the row's startedAt).
    await new Promise((r) =>
      setTimeout(r, Math.max(0, started!.startedAt.getTime() + RECORD_MS - Date.now())),
    );
    const stoppedAt = Date.now();
    await record.click();
    await indicator(hostPage).waitFor({ state: "detached", timeout: 15_000 });
    await indicator(guestPage).waitFor({ state: "detached", timeout: 15_000 });
    await guestPage
      .getByTestId("recording-notice")
      .getByText("Recording stopped")
      .waitFor({ timeout: 10_000 });

    await expect
      .poll(async () => (await recordingRows(session.id))[0]?.status, { timeout: 90_000, interval: 1000 })
      .toBe("READY");
    const [row] = await recordingRows(session.id);
    const wallMs = stoppedAt - row!.startedAt.getTime();
    console.log(
      `[recording] wall ${wallMs} ms, stored duration ${row!.durationMs} ms, ${row!.sizeBytes} bytes, ${row!.mimeType}`,
    );

    // The file as the app serves it for download, read by GStreamer's own tools.
    const download = await hostPage.request.get(
      `${baseUrl}/api/sessions/${slug}/recordings/${row!.id}/file?download=1`,
    );
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toMatch(/^attachment/);
    const file = path.join(tmp, "recording.mp4");
    writeFileSync(file, await download.body());
    const found = await discover(file);
    console.log(
      `[recording] gst-discoverer: ${found.durationMs} ms, video ${found.video}, audio ${found.audio}`,
    );
    expect(found.video && found.audio).toBe(true);
    expect(Math.abs(found.durationMs - wallMs)).toBeLessThanOrEqual(wallMs * 0.1);
    const rms = await audioRms(file);
    const frames = await grayFrames(file);
    const middle = frames[Math.floor(frames.length / 2)]!;
    const later = frames[Math.floor(frames.length / 2) + 15]!;
    // The pattern's shape changes size as it moves: the best of a second of frames around the middle.
    const around = frames.slice(Math.floor(frames.length / 2) - 7, Math.floor(frames.length / 2) + 8);
    const left = Math.max(...around.map((f) => brightShare(f, 0, PROBE_W / 2)));
    const right = Math.max(...around.map((f) => brightShare(f, PROBE_W / 2, PROBE_W)));
    const moved = middle.reduce((sum, v, i) => sum + Math.abs(v - later[i]!), 0) / middle.length;
    console.log(
      `[recording] audio RMS ${rms.toFixed(0)}, ${frames.length} frames; middle frame: luma ${meanLuma(middle).toFixed(1)}, ` +
        `bright pixels (best of 15 frames) left ${(left * 100).toFixed(1)} % right ${(right * 100).toFixed(1)} %, change over 15 frames ${moved.toFixed(1)}`,
    );
    expect(rms).toBeGreaterThan(200);
    // Not black: each half of the grid (host, guest) shows the fake camera's bright shape, and the
    // picture moves. A black canvas has no pixel over 64 and does not change.
    expect(left).toBeGreaterThan(0.005);
    expect(right).toBeGreaterThan(0.005);
    expect(moved).toBeGreaterThan(1);

    // The transcript page plays it beside the lines; clicking a line seeks to when it was said.
    const [live] = await db.select().from(videoSessions).where(eq(videoSessions.id, session.id));
    const originMs = (live!.startedAt ?? live!.createdAt).getTime();
    const intoFile = (offsetMs: number) => (originMs + offsetMs - row!.startedAt.getTime()) / 1000;
    await hostPage.getByRole("button", { name: "Leave", exact: true }).click();
    await hostPage.goto(`${baseUrl}/s/${slug}/transcript`);
    const player = hostPage.getByTestId("recording-player");
    await player.waitFor();
    await expect
      .poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(1);
    const lines = await hostPage.locator("[data-segment][data-offset-ms]").evaluateAll((els) =>
      els.map((el) => ({
        id: el.getAttribute("data-segment")!,
        offsetMs: Number(el.getAttribute("data-offset-ms")),
      })),
    );
    const inside = lines.filter(
      (l) => intoFile(l.offsetMs) > 3 && intoFile(l.offsetMs) < found.durationMs / 1000 - 3,
    );
    console.log(`[recording] ${lines.length} transcript lines, ${inside.length} inside the recording`);
    expect(inside.length).toBeGreaterThan(0);
    const target = inside[Math.floor(inside.length / 2)]!;
    await hostPage.locator(`[data-segment="${target.id}"] span[dir="auto"]`).click();
    const heard = await player.evaluate(async (v: HTMLVideoElement) => {
      await new Promise((r) => (v.seeking ? v.addEventListener("seeked", r, { once: true }) : r(null)));
      v.pause();
      return v.currentTime;
    });
    console.log(
      `[recording] clicked line at ${intoFile(target.offsetMs).toFixed(2)} s → player at ${heard.toFixed(2)} s`,
    );
    expect(Math.abs(heard - intoFile(target.offsetMs))).toBeLessThanOrEqual(1);
    await expect
      .poll(() => hostPage.locator(`[data-segment="${target.id}"]`).getAttribute("data-playing"))
      .toBe("true");
    await shot(hostPage, "recording-playback");

    // A shared link to a line opens the player at that moment.
    const other = inside[0]!;
    await hostPage.goto(`${baseUrl}/s/${slug}/transcript?segment=${other.id}`);
    await expect
      .poll(() => hostPage.getByTestId("recording-player").evaluate((v: HTMLVideoElement) => v.currentTime), {
        timeout: 20_000,
      })
      .toBeCloseTo(intoFile(other.offsetMs), 0);

    // The host deletes it: the player goes, and so do the row and the file.
    hostPage.once("dialog", (d) => void d.accept());
    await hostPage
      .getByTestId("recording-panel")
      .getByRole("button", { name: "Delete", exact: true })
      .click();
    await hostPage.getByTestId("recording-player").waitFor({ state: "detached" });
    expect(await recordingRows(session.id)).toHaveLength(0);
    const gone = await hostPage.request.get(`${baseUrl}/api/sessions/${slug}/recordings/${row!.id}/file`);
    expect(gone.status()).toBe(404);
  }, 300_000);

  it("a session created with recording not allowed shows the control disabled, saying why", async () => {
    const { slug } = await createSession(hostPage, baseUrl, spaceId, {
      title: `Unrecorded ${run}`,
      recordingAllowed: false,
    });
    await openPreJoin(hostPage, slug);
    await join(hostPage);
    const record = hostPage.getByTestId("record-button");
    await record.waitFor();
    expect(await record.isDisabled()).toBe(true);
    expect(await record.getAttribute("title")).toBe("Recording is not allowed in this session");
    // The API refuses it too (the button is not the only guard).
    const refused = await hostPage.request.post(`${baseUrl}/api/sessions/${slug}/recordings`, { data: {} });
    expect(refused.status()).toBe(409);
    expect((await readError(refused)).code).toBe("recording_not_allowed");
    await shot(hostPage, "recording-not-allowed");
    await hostPage.getByRole("button", { name: "Leave", exact: true }).click();
  });
});
