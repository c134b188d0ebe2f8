import { randomBytes } from "node:crypto";
import { AudioSource, LocalAudioTrack, Room, TrackPublishOptions, TrackSource } from "@livekit/rtc-node";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { HAND_ATTRIBUTE, MODERATION_TOPIC, REACTION_TOPIC } from "@/components/call/room-protocol";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { devSignIn } from "../support/browser";
import { callPeople, createSession, joinWithMic, shot, spaceWithMember } from "../support/call-people";
import { readReply } from "../support/contract";

/**
 * Issue 18 item 9, the participants panel, in Chromium against the real LiveKit and ws servers:
 * chips that wrap with tooltips (completeness never over 100 %), raise hand in raise order with the
 * host lowering one, reactions over the sender's tile, the host muting and removing a participant.
 * A signed-in guest connects with LiveKit's Node SDK instead of the app and sends payloads naming
 * the host: nobody's screen shows them as the host's reaction, hand or notice.
 */

const baseUrl = inject("baseUrl");
const run = randomBytes(3).toString("hex");
const host = { name: "Hana Host", email: `hana-${run}@example.test` };
const member = { name: "Max Member", email: `max-${run}@example.test` };
const mallory = { name: "Mallory Mole", email: `mallory-${run}@example.test` };
const people = callPeople(baseUrl);

const panel = (page: Page) => page.getByRole("list", { name: "Participants" });
const row = (page: Page, name: string) => panel(page).locator("li[data-identity]").filter({ hasText: name });
const tile = (page: Page, name: string) =>
  page
    .locator(".lk-participant-tile")
    .filter({ has: page.locator(".lk-participant-metadata", { hasText: name }) });

/** Every chip inside `scope`: its tooltip and whether its text is cut off. */
const chips = (scope: Locator) =>
  scope.locator("[data-badge], [data-caption-health] > span").evaluateAll((els) =>
    els.map((el) => ({
      text: el.textContent ?? "",
      title: el.getAttribute("title") ?? "",
      clipped: el.scrollWidth > el.clientWidth + 1,
    })),
  );

describe("participants panel: chips, hands, reactions, host tools (issue 18 item 9)", () => {
  let hostPage: Page;
  let memberPage: Page;
  let malloryPage: Page;
  let slug: string;
  let attacker: Room;

  beforeAll(async () => {
    hostPage = await people.page();
    await devSignIn(hostPage, baseUrl, host);
    memberPage = await people.page();
    await devSignIn(memberPage, baseUrl, member);
    malloryPage = await people.page();
    await devSignIn(malloryPage, baseUrl, mallory);
    const spaceId = await spaceWithMember(hostPage, baseUrl, `People ${run}`, member.email, memberPage);
    ({ slug } = await createSession(hostPage, baseUrl, spaceId, {
      title: `People ${run}`,
      allowGuests: true,
    }));
    await joinWithMic(hostPage, baseUrl, slug, false);
    await joinWithMic(memberPage, baseUrl, slug, true);
    await hostPage.getByRole("button", { name: "Participants", exact: true }).click();
  });

  afterAll(async () => {
    await attacker?.disconnect().catch(() => {});
    await people.close();
  });

  it("chips wrap instead of being cut off, each with a tooltip; completeness stays within 100 %", async () => {
    const memberRow = row(hostPage, member.name);
    await memberRow.locator('[data-caption-health="streaming"]').waitFor({ timeout: 30_000 });
    // In the desktop side panel (320 px) and on a phone: chips take more lines, never lose their ends.
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      await hostPage.setViewportSize(viewport);
      await shot(hostPage, `people-panel-${viewport.width}`);
      for (const name of [host.name, member.name]) {
        for (const chip of await chips(row(hostPage, name))) {
          expect(chip.title, chip.text).not.toBe("");
          expect(chip.clipped, chip.text).toBe(false);
        }
      }
    }
    await hostPage.setViewportSize({ width: 1280, height: 800 });
    const completeness = memberRow.locator("[data-caption-completeness]");
    if (await completeness.count()) {
      expect(Number(await completeness.getAttribute("data-caption-completeness"))).toBeLessThanOrEqual(1);
    }
  });

  it("raised hands show in the panel and on the tile in raise order; the host lowers one", async () => {
    await memberPage.getByRole("button", { name: "Raise hand" }).click();
    await expect
      .poll(() => memberPage.getByRole("button", { name: "Raise hand" }).getAttribute("aria-pressed"))
      .toBe("true");
    await row(hostPage, member.name).locator("[data-hand-raised]").waitFor();
    await hostPage.getByRole("button", { name: "Raise hand" }).click();
    const hands = hostPage.locator("[data-raised-hands] li");
    await expect.poll(() => hands.allTextContents()).toHaveLength(2);
    const order = await hands.evaluateAll((els) => els.map((el) => el.getAttribute("data-identity")));
    const memberIdentity = await row(hostPage, member.name).getAttribute("data-identity");
    expect(order[0]).toBe(memberIdentity);
    await tile(memberPage, host.name).locator("[data-hand-raised]").waitFor();
    await shot(hostPage, "people-hands");

    await hostPage.getByRole("button", { name: `Lower ${member.name}'s hand` }).click();
    await expect
      .poll(() => memberPage.getByRole("button", { name: "Raise hand" }).getAttribute("aria-pressed"))
      .toBe("false");
    await hostPage.getByRole("button", { name: `Lower ${host.name}'s hand` }).click();
    await hands.first().waitFor({ state: "detached" });
  });

  it("a reaction shows over its sender's tile; a forged payload cannot react, raise a hand or notify as the host", async () => {
    await memberPage.getByRole("button", { name: "React" }).click();
    await memberPage.getByRole("button", { name: "React with party popper" }).click();
    await tile(hostPage, member.name).locator('[data-reaction="party"]').waitFor();
    await shot(hostPage, "people-reaction");

    // Mallory joins by link through the app's API and speaks LiveKit's protocol herself.
    expect(
      (
        await malloryPage.request.post(`${baseUrl}/api/sessions/${slug}/participants/join`, { data: {} })
      ).status(),
    ).toBe(200);
    const { token, url } = await readReply(
      await malloryPage.request.get(`${baseUrl}/api/sessions/${slug}/token`),
      sessionsApi.token,
    );
    attacker = new Room();
    await attacker.connect(url, token, { autoSubscribe: false, dynacast: false });
    // A microphone of her own, as any participant has: the publisher connection carries her data.
    await attacker.localParticipant!.publishTrack(
      LocalAudioTrack.createAudioTrack("mic", new AudioSource(48_000, 1)),
      new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
    );
    await tile(memberPage, mallory.name).waitFor();
    const hostIdentity = await row(hostPage, host.name).getAttribute("data-identity");
    const me = attacker.localParticipant!;
    const send = (topic: string, body: unknown) =>
      me.publishData(new TextEncoder().encode(JSON.stringify(body)), { reliable: true, topic });
    await me.setAttributes({ [HAND_ATTRIBUTE]: "2000-01-01T00:00:00.000Z" }).catch(() => {});
    await send(MODERATION_TOPIC, { type: "muted", from: hostIdentity });
    await send(REACTION_TOPIC, { reaction: "heart", identity: hostIdentity, name: host.name });
    // Reliable messages from one sender arrive in order: once her own heart shows, the rest was read.
    await send(REACTION_TOPIC, { reaction: "wow" });
    await tile(memberPage, mallory.name).locator('[data-reaction="wow"]').waitFor();
    expect(await tile(memberPage, host.name).locator("[data-reaction]").count()).toBe(0);
    expect(await memberPage.locator("[data-people-notice]").count()).toBe(0);
    expect(await memberPage.locator("[data-raised-hands]").count()).toBe(0);
    expect(await tile(memberPage, mallory.name).locator("[data-hand-raised]").count()).toBe(0);
  });

  it("the host mutes a participant, who is told and can unmute themselves", async () => {
    await hostPage.getByRole("button", { name: `Mute ${member.name}` }).click();
    await memberPage.getByText("The host muted you. Unmute yourself when you want to speak.").waitFor();
    await shot(memberPage, "people-muted");
    const mic = memberPage.getByRole("button", { name: "Microphone", exact: true });
    await expect.poll(() => mic.getAttribute("aria-pressed"), { timeout: 10_000 }).toBe("false");
    await row(hostPage, member.name).getByRole("img", { name: "Microphone off" }).waitFor();

    await mic.click();
    await expect.poll(() => mic.getAttribute("aria-pressed"), { timeout: 10_000 }).toBe("true");
    await memberPage.locator("[data-people-notice]").waitFor({ state: "detached" });
    await row(hostPage, member.name)
      .getByRole("img", { name: "Microphone off" })
      .waitFor({ state: "detached" });
  });

  it("the host removes a participant after confirming; they are told and cannot rejoin with the link", async () => {
    await hostPage.getByRole("button", { name: `Remove ${member.name} from the call` }).click();
    const dialog = hostPage.getByRole("dialog", { name: `Remove ${member.name} from the call?` });
    await shot(hostPage, "people-remove-confirm");
    await dialog.getByRole("button", { name: "Remove", exact: true }).click();
    await memberPage.getByRole("heading", { name: "You were removed from the call" }).waitFor();
    await shot(memberPage, "people-removed");
    expect(await memberPage.getByRole("button", { name: "Rejoin" }).count()).toBe(0);
    await row(hostPage, member.name).waitFor({ state: "detached" });

    await memberPage.goto(`${baseUrl}/s/${slug}`);
    await memberPage.getByRole("button", { name: "Join", exact: true }).click();
    await memberPage.getByRole("heading", { name: "You were removed from the call" }).waitFor();
    const token = await memberPage.request.get(`${baseUrl}/api/sessions/${slug}/token`);
    expect(token.status()).toBe(403);
  });
});
