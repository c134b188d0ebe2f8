import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db";
import { videoSessions } from "@/lib/db/schema/sessions";
import { transcriptSegments, transcriptSegmentTranslations } from "@/lib/db/schema/transcription";
import { findSessionUser } from "@/modules/core/identity/infra/user-repository";
import { transcriptExportEndpoint } from "@/modules/core/transcripts/api/transcript-endpoint";
import { exportTranscript } from "@/modules/core/transcripts/application/export-transcript";
import {
  getTranscriptPage,
  type PageRequest,
} from "@/modules/core/transcripts/application/get-transcript-page";
import { call, errorCode, type TestUser } from "../support/api";
import { newSession, setupSpace } from "../support/sessions";

/** The transcript after the call, read in a stored translation: the page's use-case and the downloads. */
describe("reading the transcript in a translated language", () => {
  let host: TestUser;
  let session: { id: string; slug: string };
  let plain: { id: string; slug: string };
  let ids: Record<string, string>;

  const read = async (req: PageRequest, slug = session.slug) =>
    getTranscriptPage(getDb(), {
      slug,
      viewer: { user: await findSessionUser(getDb(), host.id), guestId: null },
      ...req,
    });
  const download = (query: Record<string, string>) =>
    call(transcriptExportEndpoint, { user: host, params: { slug: session.slug }, query });

  beforeAll(async () => {
    const ctx = await setupSpace();
    host = ctx.host;
    [session, plain] = await Promise.all([
      newSession(host, ctx.spaceId, { title: "Roadmap" }),
      newSession(host, ctx.spaceId, { title: "Untranslated" }),
    ]);
    const origin = new Date(Date.now() - 600_000);
    await getDb().update(videoSessions).set({ startedAt: origin }).where(eq(videoSessions.id, session.id));
    const base = { videoSessionId: session.id, language: "en", provider: "test", startMs: 0, endMs: 1000 };
    const at = (s: number) => new Date(origin.getTime() + s * 1000);
    const rows = await getDb()
      .insert(transcriptSegments)
      .values([
        { ...base, utteranceId: "u-1", text: "We ship on Friday", createdAt: at(2) },
        { ...base, utteranceId: "u-2", text: "Budget <b> & risks", createdAt: at(4) },
        { ...base, utteranceId: "u-3", text: "Any questions", createdAt: at(6) },
        { videoSessionId: plain.id, provider: "test", utteranceId: "u-1", text: "hi" },
      ])
      .returning({
        id: transcriptSegments.id,
        utteranceId: transcriptSegments.utteranceId,
        sessionId: transcriptSegments.videoSessionId,
      });
    ids = Object.fromEntries(
      rows.filter((r) => r.sessionId === session.id).map((r) => [r.utteranceId, r.id]),
    );
    const tr = { videoSessionId: session.id, provider: "gladia" };
    await getDb()
      .insert(transcriptSegmentTranslations)
      .values([
        { ...tr, utteranceId: "u-1", language: "ru", text: "Выпускаем в пятницу" },
        { ...tr, utteranceId: "u-2", language: "ru", text: "Бюджет <b> и риски" },
        { ...tr, utteranceId: "u-1", language: "de", text: "Wir liefern am Freitag" },
        // Another session's translation of the same utterance id is not this session's.
        { ...tr, videoSessionId: plain.id, utteranceId: "u-1", language: "fr", text: "salut" },
      ]);
  });

  it("offers Original + the session's languages, and none where nothing was translated", async () => {
    const page = await read({});
    expect([page.languages, page.language]).toEqual([["de", "ru"], null]);
    expect(page.segments.map((s) => [s.text, s.original ?? null, s.language])).toEqual([
      ["We ship on Friday", null, "en"],
      ["Budget <b> & risks", null, "en"],
      ["Any questions", null, "en"],
    ]);
    const untranslated = await read({}, plain.slug);
    expect([untranslated.languages, untranslated.language]).toEqual([["fr"], null]);
    const none = await read({ language: "ru" }, plain.slug);
    expect([none.language, none.segments.map((s) => s.text)]).toEqual([null, ["hi"]]);
  });

  it("shows each line's translation where one is stored and the original, marked, where not", async () => {
    const ru = await read({ language: "ru" });
    expect(ru.language).toBe("ru");
    expect(ru.segments.map((s) => [s.id, s.text, s.original ?? null, s.language])).toEqual([
      [ids["u-1"], "Выпускаем в пятницу", "We ship on Friday", "ru"],
      [ids["u-2"], "Бюджет <b> и риски", "Budget <b> & risks", "ru"],
      [ids["u-3"], "Any questions", null, "en"],
    ]);
    const de = await read({ language: "de", segment: ids["u-1"] });
    expect([de.focusId, de.segments.map((s) => s.text)]).toEqual([
      ids["u-1"],
      ["Wir liefern am Freitag", "Budget <b> & risks", "Any questions"],
    ]);
    // A language with no rows here: the original, not every line marked untranslated.
    const fr = await read({ language: "fr" });
    expect([fr.language, fr.segments.map((s) => s.original ?? null)]).toEqual([null, [null, null, null]]);
  });

  it("searches the lines as shown in the language read in", async () => {
    const ru = await read({ language: "ru", query: "БЮДЖЕТ" });
    expect(ru.search!.total).toBe(1);
    expect(ru.search!.results.map((r) => [r.id, r.text, r.original])).toEqual([
      [ids["u-2"], "Бюджет <b> и риски", "Budget <b> & risks"],
    ]);
    // A translated line's original is not what is shown, so it is not found; an untranslated one is.
    expect((await read({ language: "ru", query: "friday" })).search!.total).toBe(0);
    expect((await read({ language: "ru", query: "questions" })).search!.results[0]!.id).toBe(ids["u-3"]);
    expect((await read({ query: "friday" })).search!.total).toBe(1);
  });

  it("downloads a caption file in the language, named for it, the original where untranslated", async () => {
    const vtt = await download({ format: "vtt", lang: "ru" });
    expect(vtt.status).toBe(200);
    expect(vtt.headers.get("content-disposition")).toMatch(/ \d{4}-\d{2}-\d{2}\.ru\.vtt"$/);
    const cues = vtt.text.split("\n").filter((l) => l.startsWith("<v "));
    expect(cues).toEqual([
      "<v Unknown speaker>Выпускаем в пятницу",
      "<v Unknown speaker>Бюджет &lt;b&gt; и риски",
      "<v Unknown speaker>Any questions",
    ]);
    // Codes are matched as stored (lower case) whatever case the link used.
    const json = JSON.parse((await download({ format: "json", lang: "DE" })).text);
    expect(json.segments).toMatchObject([
      { text: "Wir liefern am Freitag", language: "de", original: "We ship on Friday" },
      { text: "Budget <b> & risks", language: "en" },
      { text: "Any questions", language: "en" },
    ]);
    expect(json.segments[1]).not.toHaveProperty("original");
    const txt = await download({ format: "txt", lang: "fr" });
    expect(txt.headers.get("content-disposition")).toMatch(/ \d{4}-\d{2}-\d{2}\.txt"$/);
    expect(txt.text).toContain("Unknown speaker: We ship on Friday");
  });

  it("refuses a malformed language with 422 validation_failed, and the use-case reads the original without one", async () => {
    for (const lang of ["", "r", "../etc", "ru_RU", "x".repeat(40), "ru;drop"]) {
      const res = await download({ format: "srt", lang });
      expect([lang, res.status, errorCode(res)]).toEqual([lang, 422, "validation_failed"]);
    }
    const file = await exportTranscript(getDb(), {
      slug: session.slug,
      viewer: { user: await findSessionUser(getDb(), host.id), guestId: null },
      format: "srt",
    });
    expect(file.filename).toMatch(/ \d{4}-\d{2}-\d{2}\.srt$/);
    expect(file.body).toContain("Unknown speaker: We ship on Friday");
  });
});
