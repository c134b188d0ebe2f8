import jwt from "jsonwebtoken";
import type { CloseKey } from "../domain/close-codes";

/** What the web process vouches for when it mints a captions token. */
export type TranscriptionClaims = {
  sessionId: string;
  participantId: string;
  identity: string;
  displayName: string;
  language: string;
};

export const TRANSCRIPTION_AUDIENCE = "transcription";
export const TRANSCRIPTION_TOKEN_TTL_S = 60 * 60;
const ALGORITHM = "HS256" as const;

export function signTranscriptionToken(
  secret: string,
  claims: TranscriptionClaims,
  now: Date = new Date(),
): { token: string; expiresAt: Date } {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + TRANSCRIPTION_TOKEN_TTL_S;
  const token = jwt.sign(
    {
      sid: claims.sessionId,
      identity: claims.identity,
      name: claims.displayName,
      lang: claims.language,
      iat,
      exp,
    },
    secret,
    { algorithm: ALGORITHM, audience: TRANSCRIPTION_AUDIENCE, subject: claims.participantId },
  );
  return { token, expiresAt: new Date(exp * 1000) };
}

export type TokenCheck = { ok: true; claims: TranscriptionClaims } | { ok: false; close: CloseKey };

/** Clock skew tolerated between web (signing) and ws (verifying) on how far ahead `exp` may be. */
const MAX_SKEW_S = 60;

/**
 * Verifies signature, algorithm, expiry and audience; each failure maps to its own close code.
 * `exp` is required and at most one token lifetime ahead: jsonwebtoken accepts a token without
 * one, which would be caption access for ever (issue 14).
 */
export function verifyTranscriptionToken(secret: string, token: string, now: Date = new Date()): TokenCheck {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, secret, {
      algorithms: [ALGORITHM],
      audience: TRANSCRIPTION_AUDIENCE,
      clockTimestamp: Math.floor(now.getTime() / 1000),
    });
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError) return { ok: false, close: "TOKEN_EXPIRED" };
    if (err instanceof jwt.JsonWebTokenError && /audience/.test(err.message)) {
      return { ok: false, close: "TOKEN_AUDIENCE" };
    }
    return { ok: false, close: "TOKEN_INVALID" };
  }
  if (typeof payload === "string") return { ok: false, close: "TOKEN_INVALID" };
  const { sub, sid, identity, name, lang, exp } = payload as Record<string, unknown>;
  const latestExp = Math.floor(now.getTime() / 1000) + TRANSCRIPTION_TOKEN_TTL_S + MAX_SKEW_S;
  if (typeof exp !== "number" || exp > latestExp) return { ok: false, close: "TOKEN_INVALID" };
  if (![sub, sid, identity, name, lang].every((v) => typeof v === "string" && v.length > 0)) {
    return { ok: false, close: "TOKEN_INVALID" };
  }
  return {
    ok: true,
    claims: {
      participantId: sub as string,
      sessionId: sid as string,
      identity: identity as string,
      displayName: name as string,
      language: lang as string,
    },
  };
}
