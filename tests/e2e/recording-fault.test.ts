import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { recordings } from "@/lib/db/schema/recordings";
import { devSignIn } from "../support/browser";
import { callPeople, createSession, spaceWithMember } from "../support/call-people";
import { joinCall, recorderPid, recordingIndicator } from "../support/recording-call";
import { MEETING_SENTENCES, speechWav } from "../support/speech";

/**
 * The local recorder killed (SIGKILL) in the middle of a recorded call, seen from the browsers:
 * every screen says the recording failed and why and drops the indicator, the call goes on, and
 * the host records again.
 */

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const host = { name: "Hal Host", email: `hal-${run}@example.test` };
const guest = { name: "Gwen Guest", email: `gwen-${run}@example.test` };
const { db, pool } = createDb(inject("databaseUrl"), 2);
const people = callPeople(baseUrl);
const speech = speechWav({
  sentences: MEETING_SENTENCES.slice(0, 2),
  sampleRate: 48_000,
  trailingSilenceMs: 1000,
});

const rowsOf = (sessionId: string) =>
  db.select().from(recordings).where(eq(recordings.videoSessionId, sessionId));

describe("a recorder that dies mid-recording", () => {
  let hostPage: Page;
  let guestPage: Page;
  let spaceId: string;

  beforeAll(async () => {
    guestPage = await people.page({ wav: speech });
    await devSignIn(guestPage, baseUrl, guest);
    hostPage = await people.page({ wav: speech });
    await devSignIn(hostPage, baseUrl, host);
    spaceId = await spaceWithMember(hostPage, baseUrl, `Fault ${run}`, guest.email, guestPage);
  });

  afterAll(async () => {
    await people.close();
    await pool.end();
  });

  it("every screen says it failed and why, the call goes on, and the host records again", async () => {
    const session = await createSession(hostPage, baseUrl, spaceId, { title: `Fault ${run}` });
    const { slug } = session;
    for (const page of [hostPage, guestPage]) {
      await people.openPreJoin(page, slug);
      await joinCall(page);
    }

    const record = hostPage.getByTestId("record-button");
    await record.click();
    await recordingIndicator(guestPage).waitFor({ timeout: 30_000 });
    const [first] = await rowsOf(session.id);
    const pid = recorderPid(first!.id);
    expect(pid, "the recorder's process").not.toBeNull();
    await new Promise((r) => setTimeout(r, 3000));
    process.kill(pid!, "SIGKILL");

    for (const page of [hostPage, guestPage]) {
      const notice = page.getByTestId("recording-notice").getByText(/^Recording failed: /);
      await notice.waitFor({ timeout: 20_000 });
      expect(await notice.textContent()).toContain("SIGKILL");
      await recordingIndicator(page).waitFor({ state: "detached" });
    }
    await people.shot(guestPage, "recording-failed-guest");
    const [failed] = await rowsOf(session.id);
    expect(failed).toMatchObject({ status: "FAILED" });
    expect(failed!.failureReason).toMatch(/stopped unexpectedly/);

    // The call goes on: both still in it, still connected to each other.
    for (const page of [hostPage, guestPage]) {
      await page.getByRole("toolbar", { name: "Call controls" }).waitFor();
      expect(await page.getByText("2 people").count()).toBe(1);
    }

    // And the host records again.
    await record.click();
    await recordingIndicator(guestPage).waitFor({ timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 3000));
    await record.click();
    await recordingIndicator(hostPage).waitFor({ state: "detached", timeout: 15_000 });
    await expect
      .poll(async () => (await rowsOf(session.id)).map((r) => r.status).sort(), {
        timeout: 60_000,
        interval: 1000,
      })
      .toEqual(["FAILED", "READY"]);
  });
});
