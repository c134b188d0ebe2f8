import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installLocalStt } from "../support/local-stt";
import { setupSpace } from "../support/sessions";
import { MEETING_SENTENCES, speechPcm16k, wordRecall } from "../support/speech";
import { TranscriptionTestClient as Client, streamPcm } from "../support/transcription-client";
import { joinedSpeaker, testSecret, tokenFor } from "../support/transcription-fixtures";
import { spawnWsServer, type WsProcess } from "../support/ws-process";

/**
 * STT_PROVIDER=auto on the real ws process: Whisper when its model loads, PocketSphinx (captions
 * still work) when it does not, and both /healthz and the log say which and why.
 */
describe("the ws process's choice of local speech recognizer", () => {
  const secret = testSecret();
  const emptyData = mkdtempSync(path.join(os.tmpdir(), "rooms-no-models-"));
  const procs: WsProcess[] = [];
  let python = "";
  let ctx: Awaited<ReturnType<typeof setupSpace>>;

  beforeAll(async () => {
    python = installLocalStt();
    ctx = await setupSpace();
  }, 300_000);
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop(5_000)));
    rmSync(emptyData, { recursive: true, force: true });
  });

  const start = async (tag: string, dataDir: string) => {
    const p = await spawnWsServer({
      databaseUrl: process.env.DATABASE_URL!,
      secret,
      logFile: path.join(os.tmpdir(), `rooms-ws-choice-${tag}-${process.pid}.log`),
      startTimeoutMs: 90_000,
      env: { STT_PROVIDER: "auto", DATA_DIR: dataDir, POCKETSPHINX_PYTHON: python, STT_WORKERS: "1" },
    });
    procs.push(p);
    const health = (await (await fetch(`http://127.0.0.1:${p.port}/healthz`)).json()) as {
      provider: string;
      providerReason: string | null;
    };
    return { p, health, log: () => readFileSync(p.logFile, "utf8") };
  };

  it("picks Whisper when its model is installed", async () => {
    const { health, log } = await start("whisper", path.resolve(import.meta.dirname, "../../.data"));
    expect(health.provider).toBe("whisper");
    expect(health.providerReason).toMatch(/Whisper model loads/);
    expect(log()).toMatch(
      /speech recognizer chosen.*"provider":"whisper"|"provider":"whisper".*speech recognizer chosen/,
    );
  }, 120_000);

  it("falls back to PocketSphinx when the model is missing: captions still work and say which engine", async () => {
    const { p, health, log } = await start("fallback", emptyData);
    expect(health.provider).toBe("pocketsphinx");
    expect(health.providerReason).toMatch(/no Whisper model is installed.*PocketSphinx instead/);
    expect(log()).toMatch(/PocketSphinx instead/);

    const speaker = await joinedSpeaker(ctx.host, ctx.spaceId, ctx.member);
    const c = await Client.ready(p.url, tokenFor(secret, speaker));
    // the client (and the host's panel through it) is told the engine
    expect(c.messages.find((m) => m.type === "ready")).toMatchObject({ provider: "pocketsphinx" });
    const speech = speechPcm16k({ sentences: MEETING_SENTENCES.slice(0, 2), trailingSilenceMs: 800 });
    await streamPcm(c, speech.pcm, { speed: 4 });
    await c.waitUntil(() => c.finals().length >= 2, 30_000);
    expect(
      wordRecall(
        speech.text,
        c
          .finals()
          .map((f) => f.text)
          .join(" "),
      ),
    ).toBeGreaterThanOrEqual(0.8);
    c.close();
    await c.closed;
  }, 120_000);
});
