import { beforeAll, describe, expect, it } from "vitest";
import { setupSpace } from "../support/sessions";
import { createAs, expectRefused, storedLanguage } from "../support/session-languages";

// The offline default, set before the web env is first read: no Gladia key, Whisper tiny.en only.
process.env.STT_PROVIDER = "auto";
delete process.env.GLADIA_API_KEY;
process.env.STT_LOCAL_MODELS = "tiny.en";

describe("session languages on the offline English recognizer", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  beforeAll(async () => {
    ctx = await setupSpace();
  });

  it("refuses Russian with a typed code, and says what the recognizer can do", async () => {
    const error = await expectRefused(
      await createAs(ctx.host, ctx.spaceId, { title: "Refused", transcriptionLanguage: "ru" }),
      ctx.spaceId,
    );
    expect(error.message).toContain('"ru"');
    expect(error.message).toContain("en");
  });

  it("refuses auto-detect: the English model cannot detect languages", async () => {
    await expectRefused(
      await createAs(ctx.host, ctx.spaceId, { title: "Refused", transcriptionLanguage: "auto" }),
      ctx.spaceId,
    );
  });

  it("creates an English session", async () => {
    expect(await storedLanguage(await createAs(ctx.host, ctx.spaceId, { transcriptionLanguage: "en" }))).toBe(
      "en",
    );
  });

  it("defaults a Russian-UI creator to English, which the recognizer can do", async () => {
    expect(await storedLanguage(await createAs(ctx.host, ctx.spaceId, {}, "ru"))).toBe("en");
  });
});
