import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { videoSessions } from "@/lib/db/schema/sessions";
import { describedBy, devSignIn } from "../support/browser";
import { callPeople, createSession, joinWithMic, spaceWithMember } from "../support/call-people";

/**
 * When a session's captions cannot run (a language no installed recognizer does, or captions
 * switched off), the call page says why without opening a caption socket, and the call goes on.
 * No speech is played: live captions themselves are captions.test.ts.
 */

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const speaker = { name: "Sam Speaker", email: `sam-${run}@example.test` };
const listener = { name: "Lena Listener", email: `lena-${run}@example.test` };

const { db, pool } = createDb(inject("databaseUrl"), 2);
const people = callPeople(baseUrl);
const { shot } = people;

const join = (page: Page, slug: string, opts: { mic: boolean }) => joinWithMic(page, baseUrl, slug, opts.mic);

describe("captions that cannot run in a session", () => {
  let spaceId: string;
  let hostPage: Page;
  let listenerPage: Page;

  beforeAll(async () => {
    // The listener signs in first: only an existing user can be added to the space.
    listenerPage = await people.page({ wav: null, once: true });
    await devSignIn(listenerPage, baseUrl, listener);
    hostPage = await people.page({ wav: null, once: true });
    await devSignIn(hostPage, baseUrl, speaker);
    spaceId = await spaceWithMember(hostPage, baseUrl, `Captions ${run}`, listener.email, listenerPage);
  });

  afterAll(async () => {
    await people.close();
    await pool.end();
  });

  it("says in the viewer's language why captions are unavailable, and the call goes on", async () => {
    // A language the deployment once offered (a config change since): no installed model does
    // Klingon, so the row is changed behind the form's back, as a changed config leaves it.
    const klingon = await createSession(hostPage, baseUrl, spaceId, { title: `Klingon ${run}` });
    await db
      .update(videoSessions)
      .set({ transcriptionLanguage: "tlh" })
      .where(eq(videoSessions.id, klingon.id));
    const { slug: offSlug } = await createSession(hostPage, baseUrl, spaceId, {
      title: `No captions ${run}`,
      transcriptionEnabled: false,
    });

    // The page knows from the same configuration the ws process reads: no socket to be refused,
    // the CC control disabled with the reason in the viewer's language.
    await join(listenerPage, klingon.slug, { mic: true });
    const cc = listenerPage.getByTestId("captions-toggle");
    await expect.poll(() => cc.isDisabled()).toBe(true);
    expect(await describedBy(cc)).toBe(
      "Captions are not available in this session's language: this server's speech recognizer cannot transcribe it.",
    );
    await shot(listenerPage, "captions-unavailable");
    // Still in the call, with its controls.
    await listenerPage.getByRole("button", { name: "Leave", exact: true }).waitFor();

    await join(listenerPage, offSlug, { mic: true });
    await expect
      .poll(() => describedBy(listenerPage.getByTestId("captions-toggle")))
      .toBe("Captions are off for this session.");
    await listenerPage.getByRole("button", { name: "Leave", exact: true }).waitFor();
  });
});
