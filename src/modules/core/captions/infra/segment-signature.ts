import { createHmac, timingSafeEqual } from "node:crypto";
import type { FinalSegment } from "../domain/protocol";

type Unsigned = Omit<FinalSegment, "sig">;

/**
 * The HMAC a final carries so that, after a reconnect, the server accepts back only finals it
 * made for this participant of this session. Keyed separately from the JWT (derived key), so a
 * signature can never be replayed as a token or the other way round.
 */
export function segmentSigner(secret: string) {
  const key = createHmac("sha256", secret).update("rooms/transcript-segment/v1").digest();
  const mac = (sessionId: string, participantId: string, s: Unsigned) =>
    createHmac("sha256", key)
      .update(
        JSON.stringify([
          sessionId,
          participantId,
          s.utteranceId,
          s.text,
          s.startMs,
          s.endMs,
          s.language,
          s.confidence,
        ]),
      )
      .digest("base64url");
  return {
    sign: mac,
    verify(sessionId: string, participantId: string, s: FinalSegment): boolean {
      const expected = Buffer.from(mac(sessionId, participantId, s));
      const given = Buffer.from(s.sig);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
