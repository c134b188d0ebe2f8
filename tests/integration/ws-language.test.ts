import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { videoSessions } from "@/lib/db/schema/sessions";
import { LANGUAGE_UNSUPPORTED_REASON } from "@/modules/core/captions/domain/caption-languages";
import { CLOSE } from "@/modules/core/captions/domain/close-codes";
import { setupSpace } from "../support/sessions";
import { TranscriptionTestClient as Client } from "../support/transcription-client";
import { joinedSpeaker, tokenFor } from "../support/transcription-fixtures";
import { pocketSphinxInstalled } from "../support/ws-process";
import { startTestWsServer } from "../support/ws-test-server";

describe.skipIf(!pocketSphinxInstalled())("ws server: a session language its recognizer cannot do", () => {
  let t: Awaited<ReturnType<typeof startTestWsServer>>;
  beforeAll(async () => {
    t = await startTestWsServer();
  });
  afterAll(async () => {
    await t.stop();
  });

  // Created when the deployment could do it (Gladia, or the multilingual model); now the ws process
  // runs PocketSphinx: each client is told with the one reason it can put in its viewer's language.
  it.each(["ru", "auto"])(
    "tells the client with the documented reason and close code (%s)",
    async (language) => {
      const ctx = await setupSpace();
      const speaker = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
      await getDb()
        .update(videoSessions)
        .set({ transcriptionLanguage: language })
        .where(eq(videoSessions.id, speaker.sessionId));
      const c = await Client.connect(t.server.url);
      c.sendJson({ type: "auth", token: tokenFor(t.secret, speaker) });
      expect((await c.closed).code).toBe(CLOSE.PROVIDER_UNAVAILABLE.code);
      expect(c.messages).toContainEqual({
        type: "unavailable",
        code: "language_unsupported",
        reason: LANGUAGE_UNSUPPORTED_REASON,
      });
      expect(c.messages.some((m) => m.type === "ready")).toBe(false);
    },
  );
});
