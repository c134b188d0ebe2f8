import jwt from "jsonwebtoken";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { webEnv } from "@/lib/env/web";
import { endSessionEndpoint } from "@/modules/core/sessions/api/session-endpoints";
import { markLeft } from "@/modules/core/sessions/infra/participant-repository";
import { transcriptionTokenEndpoint } from "@/modules/core/captions/api/transcription-endpoints";
import { verifyTranscriptionToken } from "@/modules/core/captions/infra/transcription-token";
import { call, errorCode, type TestUser } from "../support/api";
import { join, newSession, setupSpace } from "../support/sessions";
import { captionsApi } from "@/modules/core/captions/api/contract";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import { expectReply } from "../support/contract";

const requestToken = (slug: string, user?: TestUser) =>
  call(transcriptionTokenEndpoint, { method: "POST", user, params: { slug } });

describe("POST /api/sessions/:slug/transcription/token", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  beforeAll(async () => {
    ctx = await setupSpace();
  });

  it("mints a 1-hour HS256 token for a joined participant of a live session", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { transcriptionLanguage: "en" });
    const joined = await join(s.slug, { user: ctx.member });
    expect(joined.status).toBe(200);
    const res = await requestToken(s.slug, ctx.member);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(expectReply(res, captionsApi.captionsToken).url).toBe(webEnv().TRANSCRIPTION_WS_URL);
    expect(expectReply(res, captionsApi.captionsToken).urls).toEqual([webEnv().TRANSCRIPTION_WS_URL]);
    const secret = process.env.TRANSCRIPTION_JWT_SECRET!;
    const check = verifyTranscriptionToken(secret, expectReply(res, captionsApi.captionsToken).token);
    expect(check).toEqual({
      ok: true,
      claims: {
        sessionId: s.id,
        participantId: expectReply(joined, sessionsApi.join).participant.id,
        identity: `user-${ctx.member.id}`,
        displayName: "Max Member",
        language: "en",
      },
    });
    const decoded = jwt.decode(expectReply(res, captionsApi.captionsToken).token, {
      complete: true,
    }) as jwt.Jwt & { payload: jwt.JwtPayload };
    expect(decoded.header.alg).toBe("HS256");
    expect(decoded.payload.aud).toBe("transcription");
    expect(decoded.payload.exp! - decoded.payload.iat!).toBe(3600);
    expect(new Date(expectReply(res, captionsApi.captionsToken).expiresAt).getTime()).toBe(
      decoded.payload.exp! * 1000,
    );
  });

  it("with several ws instances picks one per participant, stable across requests, the rest as fallbacks", async () => {
    const env = webEnv();
    const saved = env.transcriptionWsUrls;
    const urls = ["ws://127.0.0.1:3101", "ws://127.0.0.1:3102", "ws://127.0.0.1:3103"];
    env.transcriptionWsUrls = urls;
    try {
      const s = await newSession(ctx.host, ctx.spaceId);
      await join(s.slug, { user: ctx.host });
      await join(s.slug, { user: ctx.member });
      for (const user of [ctx.host, ctx.member]) {
        const first = await requestToken(s.slug, user);
        const again = await requestToken(s.slug, user);
        expect(first.status).toBe(200);
        expect(expectReply(again, captionsApi.captionsToken).url).toBe(
          expectReply(first, captionsApi.captionsToken).url,
        );
        expect(expectReply(first, captionsApi.captionsToken).urls[0]).toBe(
          expectReply(first, captionsApi.captionsToken).url,
        );
        expect([...expectReply(first, captionsApi.captionsToken).urls].sort()).toEqual(urls);
        const start = urls.indexOf(expectReply(first, captionsApi.captionsToken).url);
        expect(expectReply(first, captionsApi.captionsToken).urls).toEqual([
          ...urls.slice(start),
          ...urls.slice(0, start),
        ]);
      }
    } finally {
      env.transcriptionWsUrls = saved;
    }
  });

  it("refuses someone who is not a participant with 404", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    await join(s.slug, { user: ctx.host });
    const outsider = await requestToken(s.slug, ctx.outsider);
    expect([outsider.status, errorCode(outsider)]).toEqual([404, "session_not_found"]);
    const notJoined = await requestToken(s.slug, ctx.member);
    expect([notJoined.status, errorCode(notJoined)]).toEqual([404, "join_required"]);
    const anonymous = await requestToken(s.slug);
    expect(anonymous.status).toBe(404);
    const unknown = await requestToken("zzz-zzzz-zzz", ctx.host);
    expect([unknown.status, errorCode(unknown)]).toEqual([404, "session_not_found"]);
  });

  it("refuses a participant who has left with 404", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    await join(s.slug, { user: ctx.member });
    expect((await requestToken(s.slug, ctx.member)).status).toBe(200);
    await markLeft(getDb(), s.id, `user-${ctx.member.id}`, new Date());
    const res = await requestToken(s.slug, ctx.member);
    expect([res.status, errorCode(res)]).toEqual([404, "join_required"]);
  });

  it("gives a guest on a guest link a token", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { allowGuests: true });
    const joined = await join(s.slug, { displayName: "Gina Guest" });
    const cookie = joined.headers.get("set-cookie")!.split(";")[0]!;
    const res = await call(transcriptionTokenEndpoint, { method: "POST", cookie, params: { slug: s.slug } });
    expect(res.status).toBe(200);
    const check = verifyTranscriptionToken(
      process.env.TRANSCRIPTION_JWT_SECRET!,
      expectReply(res, captionsApi.captionsToken).token,
    );
    expect(check.ok && check.claims.displayName).toBe("Gina Guest");
  });

  it("answers 409 session_ended once the session has ended", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    await join(s.slug, { user: ctx.host });
    expect((await call(endSessionEndpoint, { user: ctx.host, params: { slug: s.slug } })).status).toBe(200);
    const res = await requestToken(s.slug, ctx.host);
    expect([res.status, errorCode(res)]).toEqual([409, "session_ended"]);
  });

  it("answers 409 captions_disabled when the session has captions off", async () => {
    const s = await newSession(ctx.host, ctx.spaceId, { transcriptionEnabled: false });
    await join(s.slug, { user: ctx.host });
    const res = await requestToken(s.slug, ctx.host);
    expect([res.status, errorCode(res)]).toEqual([409, "captions_disabled"]);
  });

  it("answers 503 when the transcription secret is not configured", async () => {
    const s = await newSession(ctx.host, ctx.spaceId);
    await join(s.slug, { user: ctx.host });
    const env = webEnv();
    const saved = env.TRANSCRIPTION_JWT_SECRET;
    env.TRANSCRIPTION_JWT_SECRET = undefined;
    try {
      const res = await requestToken(s.slug, ctx.host);
      expect([res.status, errorCode(res)]).toEqual([503, "captions_unavailable"]);
    } finally {
      env.TRANSCRIPTION_JWT_SECRET = saved;
    }
  });
});
