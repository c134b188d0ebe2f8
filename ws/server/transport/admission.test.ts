import { describe, expect, it } from "vitest";
import type { SttProvider } from "@/modules/core/captions/application/stt-provider";
import { LANGUAGE_UNSUPPORTED_REASON } from "@/modules/core/captions/domain/caption-languages";
import type { StreamContext } from "@/modules/core/captions/infra/stream-context-repository";
import { signTranscriptionToken } from "@/modules/core/captions/infra/transcription-token";
import type { SessionDirectory } from "../services/session-directory";
import { admit } from "./admission";

const secret = "s".repeat(32);
const ctx: StreamContext = {
  sessionId: "session-1",
  status: "LIVE",
  transcriptionEnabled: true,
  language: "ru",
  participantId: "participant-1",
  userId: null,
  displayName: "Ann",
  role: "GUEST",
  present: true,
  vocabulary: [],
};
const { token } = signTranscriptionToken(secret, {
  sessionId: ctx.sessionId,
  participantId: ctx.participantId,
  identity: "ann",
  displayName: "Ann",
  language: "ru",
});
// Only the lookup admission makes; the directory's database side is tested in ws-server.test.ts.
const directory = { context: async () => ctx } as unknown as SessionDirectory;
const englishOnly = {
  unsupportedReason: (l: string) => (l === "en" ? null : "English only"),
} as unknown as SttProvider;

describe("admission", () => {
  it("says why a stream gets no captions with a code a client can switch on", async () => {
    await expect(
      admit(
        { secret, directory, provider: null, unavailableReason: "no speech recognizer is set up" },
        token,
      ),
    ).resolves.toEqual({
      ctx,
      unavailable: { code: "no_recognizer", reason: "no speech recognizer is set up" },
    });
    await expect(
      admit({ secret, directory, provider: englishOnly, unavailableReason: "" }, token),
    ).resolves.toEqual({
      ctx,
      unavailable: { code: "language_unsupported", reason: LANGUAGE_UNSUPPORTED_REASON },
    });
  });

  it("admits a participant whose language the provider transcribes, and refuses a bad token", async () => {
    const english = { ...ctx, language: "en" };
    const deps = {
      secret,
      directory: { context: async () => english } as unknown as SessionDirectory,
      provider: englishOnly,
      unavailableReason: "",
    };
    await expect(admit(deps, token)).resolves.toEqual({ ctx: english, provider: englishOnly });
    await expect(admit(deps, `${token}x`)).resolves.toEqual({ close: "TOKEN_INVALID" });
  });
});
