import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { transcriptSegmentTranslations } from "@/lib/db/schema/transcription";
import { devSignIn } from "../support/browser";
import { CAPTION_WS_REDIRECT_KEY, redirectCaptions, redirectCaptionSockets } from "../support/call-pages";
import { callPeople, createSession, joinWithMic, spaceWithMember } from "../support/call-people";
import { startGladiaStandIn, type GladiaStandIn } from "../support/gladia-standin";
import { fakeTranslation } from "../support/gladia-standin-helpers";
import { pocketSphinxInstalled, spawnWsServer, type WsProcess } from "../support/ws-process";
import { openCaptionLanguage } from "../support/call-menu";

/**
 * Translated captions in Chromium with the real LiveKit server: a ws process on the Gladia
 * stand-in (real-time v2 protocol, translation messages as documented) with
 * STT_TRANSLATION_LANGUAGES=ru,de. The host speaks (the stand-in's script turns the first seconds
 * of their microphone into two finals); a member picks Russian and reads the translations the
 * host's browser relayed into the room, the host reads the original. Reloading keeps the choice
 * and loads the stored translations. On the app's own ws process (PocketSphinx) the choice is
 * disabled with the reason.
 */

const baseUrl = inject("baseUrl");
const transcription = inject("transcription");
const run = randomBytes(3).toString("hex");
const KEY = "e2e-gladia-key";
const LINES = ["Good morning everyone", "Let us review the budget"];
const host = { name: "Tara Host", email: `tara-${run}@example.test` };
const member = { name: "Ivan Reader", email: `ivan-${run}@example.test` };

const { db, pool } = createDb(inject("databaseUrl"), 2);
const people = callPeople(baseUrl);
let standIn: GladiaStandIn;
let gladiaWs: WsProcess;

/** A page whose caption sockets can go to the Gladia-backed ws instance, not in the app's CSP. */
const personPage = () =>
  people.page({
    bypassCSP: true,
    init: { script: redirectCaptionSockets, arg: { from: transcription.url, key: CAPTION_WS_REDIRECT_KEY } },
  });

/** Joins with the microphone on or off; `ws` is where its caption socket goes ("" : the app's). */
async function join(page: Page, slug: string, opts: { mic: boolean; ws: string }) {
  await redirectCaptions(page, opts.ws || null);
  await joinWithMic(page, baseUrl, slug, opts.mic);
}

const transcriptTexts = (page: Page) =>
  page
    .getByRole("log", { name: "Transcript" })
    .locator('li[data-final="true"] [data-caption-text]')
    .allTextContents();

describe("translated captions", () => {
  let hostPage: Page;
  let memberPage: Page;
  let spaceId: string;

  beforeAll(async () => {
    // Two finals from the first 3 s of whatever the host's microphone sends (gating off: all of it).
    standIn = await startGladiaStandIn({
      apiKey: KEY,
      script: [
        { text: LINES[0]!, startByte: 0, endByte: 48_000 },
        { text: LINES[1]!, startByte: 48_000, endByte: 96_000 },
      ],
    });
    gladiaWs = await spawnWsServer({
      databaseUrl: inject("databaseUrl"),
      secret: transcription.secret,
      logFile: path.join(os.tmpdir(), `rooms-e2e-ws-gladia-${run}.log`),
      env: {
        STT_PROVIDER: "gladia",
        GLADIA_API_KEY: KEY,
        GLADIA_API_URL: standIn.url,
        STT_TRANSLATION_LANGUAGES: "ru,de",
        STT_GATING: "off",
      },
    });
    memberPage = await personPage();
    await devSignIn(memberPage, baseUrl, member);
    hostPage = await personPage();
    await devSignIn(hostPage, baseUrl, host);
    spaceId = await spaceWithMember(hostPage, baseUrl, `Tr ${run}`, member.email, memberPage);
  });

  afterAll(async () => {
    await people.close();
    await gladiaWs?.stop(15_000);
    await standIn?.close();
    await pool.end();
  });

  const newSession = (title: string) => createSession(hostPage, baseUrl, spaceId, { title });

  it("a viewer who picks Russian reads the host's captions in Russian; stored; kept after a reload", async () => {
    const session = await newSession(`Translated ${run}`);
    // The member is in first, with the language picked, so the host's captions arrive live.
    await join(memberPage, session.slug, { mic: false, ws: gladiaWs.url });
    await openCaptionLanguage(memberPage);
    const picker = memberPage.getByTestId("caption-language");
    await expect.poll(() => picker.isEnabled(), { timeout: 20_000 }).toBe(true);
    expect(await picker.locator("option").allTextContents()).toEqual(["Original", "Russian", "German"]);
    await picker.selectOption({ label: "Russian" });
    await memberPage.getByRole("button", { name: "Transcript", exact: true }).click();

    await join(hostPage, session.slug, { mic: true, ws: gladiaWs.url });
    await hostPage.getByRole("button", { name: "Transcript", exact: true }).click();

    const russian = LINES.map((l) => fakeTranslation("ru", l));
    await expect.poll(() => transcriptTexts(memberPage), { timeout: 30_000 }).toEqual(russian);
    await expect.poll(() => transcriptTexts(hostPage), { timeout: 10_000 }).toEqual(LINES);
    // The overlay over the video shows the chosen language too.
    await memberPage.getByTestId("captions-overlay").getByText(russian[1]!).waitFor();

    // Both languages the server offers are stored for every final.
    await expect
      .poll(
        async () =>
          (
            await db
              .select()
              .from(transcriptSegmentTranslations)
              .where(eq(transcriptSegmentTranslations.videoSessionId, session.id))
          )
            .map((r) => r.text)
            .sort(),
        { timeout: 10_000 },
      )
      .toEqual([...LINES.map((l) => fakeTranslation("de", l)), ...russian].sort());

    // Back in after a reload: still Russian, and the earlier lines come translated from storage.
    await memberPage.reload();
    await memberPage.getByRole("button", { name: "Join", exact: true }).click();
    await memberPage.getByRole("toolbar", { name: "Call controls" }).waitFor();
    await memberPage.getByRole("button", { name: "Transcript", exact: true }).click();
    await expect.poll(() => transcriptTexts(memberPage), { timeout: 20_000 }).toEqual(russian);
    await openCaptionLanguage(memberPage);
    expect(await memberPage.getByTestId("caption-language").inputValue()).toBe("ru");
  });

  it.runIf(pocketSphinxInstalled())("offline, the choice is disabled and says why", async () => {
    const session = await newSession(`Offline ${run}`);
    await join(memberPage, session.slug, { mic: false, ws: "" });
    await openCaptionLanguage(memberPage);
    const picker = memberPage.getByTestId("caption-language");
    await picker.waitFor({ timeout: 20_000 });
    expect(await picker.isDisabled()).toBe(true);
    expect(await memberPage.getByTestId("caption-language-reason").textContent()).toBe(
      "Translated captions need a provider that translates; this server uses the offline recognizer.",
    );
  });
});
