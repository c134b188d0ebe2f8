import { beforeAll, describe, expect, it } from "vitest";
import { setupSpace } from "../support/sessions";
import { createAs, expectRefused, storedLanguage } from "../support/session-languages";

// Set before the web env is first read: a Gladia key picks Gladia under STT_PROVIDER=auto.
process.env.STT_PROVIDER = "auto";
process.env.GLADIA_API_KEY = "gladia-test-key";
process.env.STT_LOCAL_MODELS = "tiny.en";

describe("session languages with Gladia", () => {
  let ctx: Awaited<ReturnType<typeof setupSpace>>;
  beforeAll(async () => {
    ctx = await setupSpace();
  });

  it("creates sessions in its languages and with auto-detect (code switching)", async () => {
    for (const language of ["ru", "uk", "haw", "auto"]) {
      expect(
        await storedLanguage(await createAs(ctx.host, ctx.spaceId, { transcriptionLanguage: language })),
      ).toBe(language);
    }
  });

  it("refuses a language Gladia does not transcribe", async () => {
    await expectRefused(
      await createAs(ctx.host, ctx.spaceId, { title: "Refused", transcriptionLanguage: "tlh" }),
      ctx.spaceId,
    );
  });

  it("defaults to the creator's UI language", async () => {
    expect(await storedLanguage(await createAs(ctx.host, ctx.spaceId, {}, "ru"))).toBe("ru");
    expect(await storedLanguage(await createAs(ctx.host, ctx.spaceId, {}, "en"))).toBe("en");
  });
});
