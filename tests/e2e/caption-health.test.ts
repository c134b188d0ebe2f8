import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { devSignIn } from "../support/browser";
import { callPeople, createSession, joinWithMic, spaceWithMember } from "../support/call-people";
import { togglePauseMyCaptions } from "../support/call-menu";

/**
 * Caption health for the host, in Chromium with the real LiveKit server and ws server: the speaker's
 * caption socket is cut from inside the speaker's page (every open caption socket closed, new ones
 * pointed at a closed port, so reconnects fail like a dead network), and the host's participants
 * panel must say "not connected" within 5 s; once the network is back it says "streaming" again.
 */

const baseUrl = inject("baseUrl");
const transcription = inject("transcription");
const run = randomBytes(3).toString("hex");
const host = { name: "Hana Host", email: `hana-${run}@example.test` };
const speaker = { name: "Sid Speaker", email: `sid-${run}@example.test` };
const browsers = callPeople(baseUrl);

type CaptionSocketControl = { cut(): void; restore(): void };

/** Wraps the page's WebSocket so the test can kill the caption connection and nothing else. */
function captionSocketControl(prefix: string) {
  const Native = window.WebSocket;
  const open = new Set<WebSocket>();
  let cut = false;
  class Controlled extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      const caption = String(url).startsWith(prefix);
      // Port 9 (discard) is closed here: the handshake fails at once, as on a dead network.
      super(caption && cut ? "ws://127.0.0.1:9/" : url, protocols);
      if (!caption) return;
      open.add(this);
      this.addEventListener("close", () => open.delete(this));
    }
  }
  window.WebSocket = Controlled;
  const control: CaptionSocketControl = {
    cut() {
      cut = true;
      for (const s of open) s.close();
    },
    restore() {
      cut = false;
    },
  };
  (window as unknown as { __captionSockets: CaptionSocketControl }).__captionSockets = control;
}

const join = (page: Page, slug: string, opts: { mic: boolean }) => joinWithMic(page, baseUrl, slug, opts.mic);

const sockets = (page: Page, action: "cut" | "restore") =>
  page.evaluate(
    (a) => (window as unknown as { __captionSockets: CaptionSocketControl }).__captionSockets[a](),
    action,
  );

describe("caption health in the host's participants panel", () => {
  let hostPage: Page;
  let speakerPage: Page;
  let slug: string;

  beforeAll(async () => {
    speakerPage = await browsers.page({ init: { script: captionSocketControl, arg: transcription.url } });
    await devSignIn(speakerPage, baseUrl, speaker);
    hostPage = await browsers.page();
    await devSignIn(hostPage, baseUrl, host);
    const spaceId = await spaceWithMember(hostPage, baseUrl, `Health ${run}`, speaker.email, speakerPage);
    ({ slug } = await createSession(hostPage, baseUrl, spaceId, { title: `Health ${run}` }));
  });

  afterAll(async () => {
    await browsers.close();
  });

  it("shows streaming, muted, paused, not connected within 5 s of the socket dying, and completeness", async () => {
    await join(hostPage, slug, { mic: false });
    await join(speakerPage, slug, { mic: true });
    await hostPage.getByRole("button", { name: "Participants", exact: true }).click();
    const people = hostPage.getByRole("list", { name: "Participants" });
    const speakerHealth = people
      .getByRole("listitem")
      .filter({ hasText: speaker.name })
      .locator("[data-caption-health]");
    const ownHealth = people
      .getByRole("listitem")
      .filter({ hasText: "(you)" })
      .locator("[data-caption-health]");

    await expect
      .poll(() => speakerHealth.getAttribute("data-caption-health"), { timeout: 30_000 })
      .toBe("streaming");
    expect(await speakerHealth.textContent()).toMatch(/^Captions streaming/);
    // The host's own microphone is off: a choice, not a fault.
    await expect.poll(() => ownHealth.getAttribute("data-caption-health"), { timeout: 10_000 }).toBe("muted");

    await togglePauseMyCaptions(speakerPage);
    await expect
      .poll(() => speakerHealth.getAttribute("data-caption-health"), { timeout: 5_000 })
      .toBe("paused");
    // The same toggle resumes (aria-pressed flips back).
    await togglePauseMyCaptions(speakerPage);
    await expect
      .poll(() => speakerHealth.getAttribute("data-caption-health"), { timeout: 5_000 })
      .toBe("streaming");

    const cutAt = Date.now();
    await sockets(speakerPage, "cut");
    await hostPage
      .locator(`li[data-identity] [data-caption-health="disconnected"]`)
      .filter({ hasText: "Captions not connected" })
      .waitFor({ timeout: 5_000 });
    console.log(`[caption-health] host saw "not connected" ${Date.now() - cutAt} ms after the cut`);
    expect(await speakerHealth.getAttribute("data-caption-health")).toBe("disconnected");

    // Back on the network: the client's next reconnect attempt (backoff ≤ 15 s) restores the stream.
    await sockets(speakerPage, "restore");
    await expect
      .poll(() => speakerHealth.getAttribute("data-caption-health"), { timeout: 30_000 })
      .toBe("streaming");

    // Completeness, polled from the health endpoint, appears once the speaker's browser has saved
    // its metrics (every 15 s). The ws server writes usage every 5 s, so at 15 s up to a third of
    // the received audio may not be counted yet: a live figure, which settles near 1 as the call goes on.
    const completeness = speakerHealth.locator("[data-caption-completeness]");
    await completeness.waitFor({ timeout: 30_000 });
    const ratio = Number(await completeness.getAttribute("data-caption-completeness"));
    console.log(`[caption-health] completeness shown: ${ratio}`);
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(1.5);
    expect(await completeness.textContent()).toMatch(/% of audio received$/);
    // Which recognizer transcribes the speaker, as the ws server metered it: the test servers' Whisper.
    const engine = speakerHealth.locator("[data-caption-engine]");
    expect(await engine.getAttribute("data-caption-engine")).toBe("whisper");
    expect(await engine.textContent()).toMatch(/Recognizer: Whisper$/);

    // A host who joins after the speaker learns the speaker's state too: each client sends its own
    // state to whoever joins (and answers their ask), as nothing is stored in the room for it.
    await hostPage.reload();
    await join(hostPage, slug, { mic: false });
    await hostPage.getByRole("button", { name: "Participants", exact: true }).click();
    await expect
      .poll(() => speakerHealth.getAttribute("data-caption-health"), { timeout: 10_000 })
      .toBe("streaming");
  });
});
