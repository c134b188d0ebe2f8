import jwt from "jsonwebtoken";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markLeft } from "@/modules/core/sessions/infra/participant-repository";
import { removeMemberEndpoint } from "@/modules/core/spaces/api/member-endpoints";
import { CLOSE, type CloseKey } from "@/modules/core/captions/domain/close-codes";
import { getDb } from "@/server/db";
import { call } from "../support/api";
import { setupSpace } from "../support/sessions";
import { TranscriptionTestClient as Client } from "../support/transcription-client";
import { joinedSpeaker, tokenFor, type Speaker } from "../support/transcription-fixtures";
import { pocketSphinxInstalled } from "../support/ws-process";
import { startTestWsServer } from "../support/ws-test-server";

/**
 * Issue 14, defect 7: caption access ends with membership. The ws server checks, at auth and in
 * its periodic re-check, that the participant has not left the call and, in a members-only
 * session, is still a member of the space; and it accepts only tokens that expire.
 */
describe.skipIf(!pocketSphinxInstalled())("ws server: caption access follows membership", () => {
  let t: Awaited<ReturnType<typeof startTestWsServer>>;
  let ctx: Awaited<ReturnType<typeof setupSpace>>;

  beforeAll(async () => {
    t = await startTestWsServer();
    ctx = await setupSpace();
  });
  afterAll(() => t.stop());

  const refusedWith = async (token: string, key: CloseKey) => {
    const c = await Client.connect(t.server.url);
    c.sendJson({ type: "auth", token });
    expect((await c.closed).code).toBe(CLOSE[key].code);
    expect(c.messages.some((m) => m.type === "ready")).toBe(false);
  };

  const signed = (speaker: Speaker, extra: jwt.SignOptions) =>
    jwt.sign(
      { sid: speaker.sessionId, identity: speaker.identity, name: speaker.displayName, lang: "en" },
      t.secret,
      { subject: speaker.participantId, algorithm: "HS256", audience: "transcription", ...extra },
    );

  it("refuses a correctly signed token that has no expiry (TOKEN_INVALID)", async () => {
    const speaker = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    await refusedWith(signed(speaker, {}), "TOKEN_INVALID");
  });

  it("refuses a token that expires further ahead than one token lifetime (TOKEN_INVALID)", async () => {
    const speaker = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    await refusedWith(signed(speaker, { expiresIn: "30d" }), "TOKEN_INVALID");
  });

  it("refuses a participant who left the call (NOT_PARTICIPANT)", async () => {
    const speaker = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    // What LiveKit's participant_left webhook records, a minute ago.
    await markLeft(getDb(), speaker.sessionId, speaker.identity, new Date(Date.now() - 60_000));
    await refusedWith(tokenFor(t.secret, speaker), "NOT_PARTICIPANT");
  });

  it("still serves a participant whose departure was recorded a moment ago (a reload rejoining)", async () => {
    const speaker = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    await markLeft(getDb(), speaker.sessionId, speaker.identity, new Date());
    const c = await Client.ready(t.server.url, tokenFor(t.secret, speaker));
    c.close();
    await c.closed;
  });

  it("closes the open socket of a participant who left, and refuses the token after", async () => {
    const speaker = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    const token = tokenFor(t.secret, speaker);
    const c = await Client.ready(t.server.url, token);
    await markLeft(getDb(), speaker.sessionId, speaker.identity, new Date(Date.now() - 60_000));
    expect((await c.closed).code).toBe(CLOSE.NOT_PARTICIPANT.code);
    await refusedWith(token, "NOT_PARTICIPANT");
  });

  it("closes a removed member's open socket in a members-only session, and refuses the token after", async () => {
    const space = await setupSpace();
    const speaker = await joinedSpeaker(space.host, space.spaceId, space.member);
    const token = tokenFor(t.secret, speaker);
    const c = await Client.ready(t.server.url, token);
    const removed = await call(removeMemberEndpoint, {
      method: "DELETE",
      user: space.host,
      params: { spaceId: space.spaceId, userId: space.member.id },
    });
    expect(removed.status).toBe(204);
    expect((await c.closed).code).toBe(CLOSE.NOT_PARTICIPANT.code);
    await refusedWith(token, "NOT_PARTICIPANT");
  });

  it("in a session open to guests, a removed member counts as a guest (only a departure ends captions)", async () => {
    const space = await setupSpace();
    const speaker = await joinedSpeaker(space.host, space.spaceId, space.member, { allowGuests: true });
    const removed = await call(removeMemberEndpoint, {
      method: "DELETE",
      user: space.host,
      params: { spaceId: space.spaceId, userId: space.member.id },
    });
    expect(removed.status).toBe(204);
    const token = tokenFor(t.secret, speaker);
    const c = await Client.ready(t.server.url, token);
    c.close();
    await c.closed;
  });
});
