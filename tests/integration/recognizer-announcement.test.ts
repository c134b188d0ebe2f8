import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { captionRecognizers } from "@/lib/db/schema/recognizers";
import { getCaptionLanguages } from "@/modules/core/captions";
import {
  captionAvailability,
  captionLanguages,
  type CaptionConfig,
} from "@/modules/core/captions/domain/caption-languages";
import { announceRecognizer, withdrawRecognizer } from "@/modules/core/captions/infra/recognizer-repository";
import { installLocalStt } from "../support/local-stt";
import { createDatabase, dropDatabase } from "../support/next-server";
import { testSecret } from "../support/transcription-fixtures";
import { spawnWsServer, type WsProcess } from "../support/ws-process";

/**
 * The web process offers the caption languages the running ws processes' recognizers serve, not
 * the ones its own env would choose: a ws process whose Whisper model does not load serves
 * PocketSphinx (English only), and before this a Russian session was offered, created, and refused
 * captions in the call. Its own database: an announced recognizer narrows what every web process
 * on that database offers, and the other files check what the web's env gives.
 */
describe("the recognizer each ws process announces", () => {
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `rooms_it_recognizers_${randomBytes(4).toString("hex")}`;
  // The web's env: Whisper with the multilingual model, so Russian and auto-detect are offered.
  const webConfig: CaptionConfig = {
    provider: "whisper",
    gladiaKey: false,
    localModels: ["tiny.en", "base"],
  };
  const russian = { transcriptionEnabled: true, transcriptionLanguage: "ru" };
  const emptyData = mkdtempSync(path.join(os.tmpdir(), "rooms-no-models-"));
  let databaseUrl = "";
  let db: Db;
  let pool: Pool;
  let python = "";

  beforeAll(async () => {
    python = installLocalStt();
    databaseUrl = await createDatabase(admin, name);
    ({ db, pool } = createDb(databaseUrl, 2));
  }, 300_000);
  afterAll(async () => {
    await pool?.end();
    await dropDatabase(admin, name);
    rmSync(emptyData, { recursive: true, force: true });
  });

  const spawn = (tag: string, env: Record<string, string>): Promise<WsProcess> =>
    spawnWsServer({
      databaseUrl,
      secret: testSecret(),
      logFile: path.join(os.tmpdir(), `rooms-ws-announce-${tag}-${process.pid}.log`),
      startTimeoutMs: 90_000,
      env: { WS_ANNOUNCE_RECOGNIZER: "on", POCKETSPHINX_PYTHON: python, STT_WORKERS: "1", ...env },
    });

  it("with none running, the web's env decides", async () => {
    expect(await getCaptionLanguages(db, webConfig)).toEqual(captionLanguages(webConfig));
  });

  it("a ws process that fell back to PocketSphinx narrows the offer to English while it runs", async () => {
    // auto with no Whisper model installed: the fallback the web's env cannot see.
    const ws = await spawn("fallback", { STT_PROVIDER: "auto", DATA_DIR: emptyData });
    try {
      await expect
        .poll(async () => getCaptionLanguages(db, webConfig), { timeout: 10_000 })
        .toEqual({ engine: "pocketsphinx", languages: ["en"], autoDetect: false });
      expect(captionAvailability(await getCaptionLanguages(db, webConfig), russian)).toBe(
        "language_unsupported",
      );
    } finally {
      await ws.stop(15_000);
    }
    // Stopped: it withdrew, and the web's env decides again.
    expect(await getCaptionLanguages(db, webConfig)).toEqual(captionLanguages(webConfig));
    expect(captionAvailability(await getCaptionLanguages(db, webConfig), russian)).toBe("on");
  }, 120_000);

  it("a ws process with no recognizer makes the call page say so before connecting", async () => {
    const ws = await spawn("none", { STT_PROVIDER: "none" });
    try {
      await expect
        .poll(async () => captionAvailability(await getCaptionLanguages(db, webConfig), russian), {
          timeout: 10_000,
        })
        .toBe("no_recognizer");
    } finally {
      await ws.stop(15_000);
    }
  }, 120_000);

  it("several processes: what all serve; one that stopped refreshing is forgotten", async () => {
    await announceRecognizer(db, "a:1", captionLanguages(webConfig));
    await announceRecognizer(db, "b:2", captionLanguages({ ...webConfig, provider: "pocketsphinx" }));
    expect((await getCaptionLanguages(db, webConfig)).languages).toEqual(["en"]);
    // b:2 died without withdrawing: after RECOGNIZER_FRESH_SECONDS it no longer counts.
    await db
      .update(captionRecognizers)
      .set({ seenAt: sql`now() - interval '46 seconds'` })
      .where(sql`${captionRecognizers.instance} = 'b:2'`);
    expect(await getCaptionLanguages(db, webConfig)).toEqual(captionLanguages(webConfig));
    // Announcing again refreshes it.
    await announceRecognizer(db, "b:2", captionLanguages({ ...webConfig, provider: "pocketsphinx" }));
    expect((await getCaptionLanguages(db, webConfig)).languages).toEqual(["en"]);
    await withdrawRecognizer(db, "a:1");
    await withdrawRecognizer(db, "b:2");
    expect(await db.select().from(captionRecognizers)).toEqual([]);
  });
});
