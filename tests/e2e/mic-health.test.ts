import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Room } from "@livekit/rtc-node";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { devSignIn } from "../support/browser";
import {
  callPeople,
  createSession,
  inviteAndAccept,
  joinWithMic,
  spaceWithMember,
} from "../support/call-people";
import type { SpeechWav } from "../support/speech";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { readReply } from "../support/contract";

/**
 * Issue 15 parts 4 and 5 in Chromium with the real LiveKit server and ws server. A speaker whose
 * fake microphone plays digital silence is told "We can't hear your microphone" and the host's
 * participants panel says so; someone who joins with LiveKit's Node SDK instead of a Rooms page
 * (no caption stream, no caption state) is marked "Not captioned: joined from another app".
 */

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const host = { name: "Hana Host", email: `hana-${run}@example.test` };
const speaker = { name: "Sid Silent", email: `sid-${run}@example.test` };
const app = { name: "Otto Otherapp", email: `otto-${run}@example.test` };
const people = callPeople(baseUrl);

/** 20 s of 48 kHz mono PCM16 zeros (Chromium loops it): a microphone that delivers nothing. */
function silentWav(): SpeechWav {
  const rate = 48_000;
  const data = Buffer.alloc(rate * 2 * 20);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  const file = path.join(os.tmpdir(), `rooms-silence-${run}.wav`);
  writeFileSync(file, Buffer.concat([header, data]));
  return { path: file, sampleRate: rate, channels: 1, durationMs: 20_000, text: "" };
}

describe("microphone health and participants without captions, on the host's panel", () => {
  let hostPage: Page;
  let speakerPage: Page;
  let appPage: Page;
  let slug: string;
  let spaceId: string;
  const rooms: Room[] = [];

  beforeAll(async () => {
    speakerPage = await people.page({ wav: silentWav() });
    await devSignIn(speakerPage, baseUrl, speaker);
    appPage = await people.page();
    await devSignIn(appPage, baseUrl, app);
    hostPage = await people.page();
    await devSignIn(hostPage, baseUrl, host);
    spaceId = await spaceWithMember(hostPage, baseUrl, `Mic ${run}`, speaker.email, speakerPage);
    await inviteAndAccept(hostPage.request, appPage.request, baseUrl, spaceId, app.email);
    ({ slug } = await createSession(hostPage, baseUrl, spaceId, { title: `Mic ${run}` }));
  });

  afterAll(async () => {
    for (const r of rooms) await r.disconnect().catch(() => {});
    await people.close();
  });

  const row = (name: string) =>
    hostPage.getByRole("list", { name: "Participants" }).getByRole("listitem").filter({ hasText: name });

  it("tells a speaker whose microphone is digital silence, and shows it to the host", async () => {
    await joinWithMic(hostPage, baseUrl, slug, false);
    await joinWithMic(speakerPage, baseUrl, slug, true);
    await hostPage.getByRole("button", { name: "Participants", exact: true }).click();

    // 10 s of received silence on the ws server, then its mic_silent reaches the page.
    await speakerPage
      .getByText("We can't hear your microphone.", { exact: false })
      .waitFor({ timeout: 40_000 });
    expect(await speakerPage.getByText("Check that the right microphone is selected").count()).toBe(1);
    const health = row(speaker.name).locator("[data-caption-health]");
    await expect.poll(() => health.getAttribute("data-mic-health"), { timeout: 10_000 }).toBe("silent");
    // The label, then what the host's health poll adds once it has it: the speaker's recognizer
    // and the share of their audio received.
    // One chip each (they wrap on a narrow panel).
    expect((await health.locator(":scope > span").allTextContents()).join(" · ")).toMatch(
      /^We can't hear their microphone(?: · Recognizer: \w+)?(?: · \d+ % of audio received)?$/,
    );

    // Muted is a choice, not a fault: the warning goes with the microphone.
    await speakerPage.getByRole("button", { name: "Microphone", exact: true }).click();
    await expect.poll(() => health.getAttribute("data-caption-health"), { timeout: 10_000 }).toBe("muted");
    expect(await health.getAttribute("data-mic-health")).toBeNull();
    expect(await speakerPage.getByText("We can't hear your microphone.", { exact: false }).count()).toBe(0);

    // A participant who sends a caption state is never "not captioned".
    expect(await hostPage.locator('[data-caption-health="not-captioned"]').count()).toBe(0);
  });

  it("marks a participant who joined with another LiveKit client as not captioned", async () => {
    const joined = await appPage.request.post(`${baseUrl}/api/sessions/${slug}/participants/join`, {
      data: {},
    });
    expect(joined.status()).toBe(200);
    const res = await appPage.request.get(`${baseUrl}/api/sessions/${slug}/token`);
    expect(res.status()).toBe(200);
    const { token, url } = await readReply(res, sessionsApi.token);
    const room = new Room();
    rooms.push(room);
    await room.connect(url, token, { autoSubscribe: false, dynacast: false });

    const badge = row(app.name).locator('[data-caption-health="not-captioned"]');
    await badge.waitFor({ timeout: 20_000 });
    expect(await badge.textContent()).toBe("Not captioned: joined from another app");
    // Only the host's panel says it.
    await speakerPage.getByRole("button", { name: "Participants", exact: true }).click();
    await speakerPage
      .getByRole("list", { name: "Participants" })
      .getByRole("listitem")
      .filter({ hasText: app.name })
      .waitFor();
    expect(await speakerPage.locator('[data-caption-health="not-captioned"]').count()).toBe(0);
  });
});
