import jwt from "jsonwebtoken";
import { testSecret, type Speaker } from "./transcription-seed";
import { sessionsApi } from "@/modules/core/sessions/api/contract";
import type { TestUser } from "./api";
import { expectReply } from "./contract";
import { join, newSession } from "./sessions";
import { readWav, speechWav, MEETING_SENTENCES } from "./speech";

export { testSecret, tokenFor, type Speaker } from "./transcription-seed";

/** A live session (`body` as for session creation) with `user` joined: what a captions token vouches for. */
export async function joinedSpeaker(
  host: TestUser,
  spaceId: string,
  user: TestUser,
  body: Record<string, unknown> = {},
): Promise<Speaker & { slug: string }> {
  const s = await newSession(host, spaceId, body);
  const joined = await join(s.slug, { user });
  const p = expectReply(joined, sessionsApi.join).participant;
  return {
    slug: s.slug,
    sessionId: s.id,
    participantId: p.id,
    identity: p.identity,
    displayName: p.displayName,
  };
}

/** Tokens that fail one check each, signed the way an attacker or a stale client would. */
export function badTokens(secret: string, speaker: Speaker) {
  const claims = {
    sid: speaker.sessionId,
    identity: speaker.identity,
    name: speaker.displayName,
    lang: "en",
  };
  const base = { subject: speaker.participantId, algorithm: "HS256" as const };
  return {
    forged: jwt.sign(claims, testSecret(), { ...base, audience: "transcription", expiresIn: 3600 }),
    expired: jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, secret, {
      ...base,
      audience: "transcription",
    }),
    wrongAudience: jwt.sign(claims, secret, { ...base, audience: "livekit", expiresIn: 3600 }),
  };
}

/** Meeting speech as 16 kHz PCM16LE mono (festival, cached under /tmp). */
export function meetingPcm(sentences = MEETING_SENTENCES.slice(0, 3)) {
  const wav = speechWav({ sentences, leadingSilenceMs: 300, trailingSilenceMs: 1200, pauseMs: 800 });
  return { pcm: readWav(wav.path).pcm, durationMs: wav.durationMs, text: wav.text };
}
