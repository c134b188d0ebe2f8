import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endSessionEndpoint } from "@/modules/core/sessions/api/session-endpoints";
import { CLOSE, type CloseKey } from "@/modules/core/captions/domain/close-codes";
import { call } from "../support/api";
import { setupSpace } from "../support/sessions";
import { TranscriptionTestClient as Client } from "../support/transcription-client";
import {
  badTokens,
  joinedSpeaker,
  meetingPcm,
  tokenFor,
  type Speaker,
} from "../support/transcription-fixtures";
import { pocketSphinxInstalled } from "../support/ws-process";
import { startTestWsServer } from "../support/ws-test-server";

describe.skipIf(!pocketSphinxInstalled())("ws server: bad input (PocketSphinx, real PostgreSQL)", () => {
  let t: Awaited<ReturnType<typeof startTestWsServer>>;
  let server: Awaited<ReturnType<typeof startTestWsServer>>["server"];
  let rec: Awaited<ReturnType<typeof startTestWsServer>>["rec"];
  let secret: string;
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  let speaker: Speaker & { slug: string };
  const speech = meetingPcm();

  beforeAll(async () => {
    t = await startTestWsServer();
    ({ server, rec, secret } = t);
    ctx = await setupSpace();
    speaker = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
  });
  afterAll(() => t.stop());

  const expectClose = async (c: Client, key: CloseKey) => {
    const closed = await c.closed;
    expect(closed.code).toBe(CLOSE[key].code);
  };

  describe("bad input gets its close code and the others keep being served", () => {
    let survivor: Client;
    let survivorSpeaker: Speaker;
    beforeAll(async () => {
      survivorSpeaker = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.host);
      survivor = await Client.ready(server.url, tokenFor(secret, survivorSpeaker));
    });
    afterAll(async () => {
      // The survivor was served all along: its audio reached the recognizer and it still answers.
      const before = survivor.messages.length;
      survivor.sendJson({ type: "pause" });
      await survivor.waitFor((m) => m.type === "paused");
      expect(survivor.messages.length).toBeGreaterThan(before);
      survivor.close();
    });

    const authed = async () => Client.ready(server.url, tokenFor(secret, speaker));
    const keepSurvivorTalking = async () => {
      const before = [...rec.written.values()].reduce((a, b) => a + b, 0);
      survivor.sendAudio(speech.pcm.subarray(0, 5120));
      await survivor.waitUntil(() => [...rec.written.values()].reduce((a, b) => a + b, 0) > before, 2_000);
      expect(survivor.isOpen).toBe(true);
    };

    it.each<[string, CloseKey, (c: Client) => void]>([
      ["an undersized frame", "FRAME_TOO_SMALL", (c) => c.sendAudio(Buffer.alloc(98))],
      ["an oversized frame", "FRAME_TOO_LARGE", (c) => c.sendAudio(Buffer.alloc(64 * 1024 + 2))],
      ["an odd-length frame", "FRAME_ODD_LENGTH", (c) => c.sendAudio(Buffer.alloc(5121))],
      [
        "a flood of control messages (retryable)",
        "RATE_LIMITED",
        (c) => {
          for (let i = 0; i < 200; i++) c.sendJson({ type: i % 2 ? "resume" : "pause" });
        },
      ],
      ["a garbage text frame", "BAD_MESSAGE", (c) => c.ws.send("{not json")],
      ["an unknown message type", "BAD_MESSAGE", (c) => c.sendJson({ type: "shout" })],
      ["a second auth", "ALREADY_AUTHENTICATED", (c) => c.sendJson({ type: "auth", token: "x" })],
      [
        "a re-sent final with a forged signature",
        "BAD_MESSAGE",
        (c) =>
          c.sendJson({
            type: "resend",
            finals: [
              {
                utteranceId: "u1",
                text: "I never said this",
                startMs: 0,
                endMs: 10,
                language: "en",
                confidence: 1,
                sig: "forged",
              },
            ],
          }),
      ],
    ])("%s after auth → %s", async (_label, key, misbehave) => {
      const c = await authed();
      misbehave(c);
      await expectClose(c, key);
      await keepSurvivorTalking();
    });

    it("50 messages in a second (49 frames and a pause) are fine", async () => {
      const c = await authed();
      for (let i = 0; i < 49; i++) c.sendAudio(Buffer.alloc(640));
      c.sendJson({ type: "pause" });
      await c.waitFor((m) => m.type === "paused");
      expect(c.isOpen).toBe(true);
      c.close();
    });

    it.each<[string, CloseKey, () => Promise<string>]>([
      ["a forged token", "TOKEN_INVALID", async () => badTokens(secret, speaker).forged],
      ["an expired token", "TOKEN_EXPIRED", async () => badTokens(secret, speaker).expired],
      [
        "a token for another audience",
        "TOKEN_AUDIENCE",
        async () => badTokens(secret, speaker).wrongAudience,
      ],
      ["a token that is not a JWT", "TOKEN_INVALID", async () => "hello"],
      [
        "a participant of another session",
        "NOT_PARTICIPANT",
        async () => {
          const other = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.host);
          return tokenFor(secret, { ...speaker, participantId: other.participantId });
        },
      ],
      [
        "an ENDED session",
        "SESSION_ENDED",
        async () => {
          const s = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.host);
          expect((await call(endSessionEndpoint, { user: ctx.host, params: { slug: s.slug } })).status).toBe(
            200,
          );
          return tokenFor(secret, s);
        },
      ],
      [
        "a session with captions off",
        "CAPTIONS_DISABLED",
        async () =>
          tokenFor(
            secret,
            await joinedSpeaker(ctx.host, ctx.spaceId, ctx.host, { transcriptionEnabled: false }),
          ),
      ],
    ])("%s → %s", async (_label, key, token) => {
      const c = await Client.connect(server.url);
      c.sendJson({ type: "auth", token: await token() });
      await expectClose(c, key);
      expect(c.messages.some((m) => m.type === "ready")).toBe(false);
      await keepSurvivorTalking();
    });

    it("audio before auth → AUDIO_BEFORE_AUTH", async () => {
      const c = await Client.connect(server.url);
      c.sendAudio(Buffer.alloc(5120));
      await expectClose(c, "AUDIO_BEFORE_AUTH");
      await keepSurvivorTalking();
    });

    it("a text message other than auth first → BAD_MESSAGE", async () => {
      const c = await Client.connect(server.url);
      c.sendJson({ type: "pause" });
      await expectClose(c, "BAD_MESSAGE");
    });

    it("no auth within the deadline → AUTH_TIMEOUT", async () => {
      const c = await Client.connect(server.url);
      const started = Date.now();
      await expectClose(c, "AUTH_TIMEOUT");
      expect(Date.now() - started).toBeGreaterThanOrEqual(4_500);
      await keepSurvivorTalking();
    });
  });
});
