import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { loadWsEnv, sttWorkersOf } from "./env";
import { chooseProvider } from "./providers";

const base = { DATABASE_URL: "postgres://u@127.0.0.1:5432/db", TRANSCRIPTION_JWT_SECRET: "s".repeat(32) };
const log = pino({ level: "silent" });

describe("ws env", () => {
  it("applies the documented defaults", () => {
    const env = loadWsEnv({ ...base, DATA_DIR: "/srv/rooms" });
    expect(env).toMatchObject({
      WS_PORT: 3001,
      WS_HOST: "127.0.0.1",
      WS_METRICS_PORT: 3002,
      WS_METRICS_HOST: "127.0.0.1",
      STT_PROVIDER: "auto",
      STT_PRICE_PER_MINUTE_GLADIA: 0.01,
      STT_PRICE_PER_MINUTE_POCKETSPHINX: 0,
      STT_PRICE_PER_MINUTE_WHISPER: 0,
      POCKETSPHINX_PYTHON: "/srv/rooms/stt-venv/bin/python",
      STT_GATING: "on",
      STT_VAD_MODE: 3,
      STT_TRANSLATION_LANGUAGES: [],
      STT_TRANSLATION_MODEL: "base",
      // one PocketSphinx worker per core this process may use
      STT_WORKERS: os.availableParallelism(),
    });
    expect(loadWsEnv({ ...base, STT_WORKERS: "3" }).STT_WORKERS).toBe(3);
    expect(() => loadWsEnv({ ...base, STT_WORKERS: "0" })).toThrow(/STT_WORKERS/);
    expect(
      loadWsEnv({ ...base, STT_TRANSLATION_LANGUAGES: " ru, DE,fr,ru ", STT_TRANSLATION_MODEL: "enhanced" }),
    ).toMatchObject({ STT_TRANSLATION_LANGUAGES: ["ru", "de", "fr"], STT_TRANSLATION_MODEL: "enhanced" });
    expect(loadWsEnv({ ...base, STT_GATING: "off", STT_VAD_MODE: "1" })).toMatchObject({
      STT_GATING: "off",
      STT_VAD_MODE: 1,
    });
  });

  it("names every bad variable", () => {
    let message = "";
    try {
      loadWsEnv({
        DATABASE_URL: "mysql://x",
        TRANSCRIPTION_JWT_SECRET: "short",
        WS_PORT: "70000",
        STT_PROVIDER: "x",
        STT_GATING: "maybe",
        STT_VAD_MODE: "4",
        STT_TRANSLATION_LANGUAGES: "ru,klingon",
        STT_TRANSLATION_MODEL: "best",
      });
    } catch (err) {
      message = (err as Error).message;
    }
    for (const name of [
      "DATABASE_URL",
      "TRANSCRIPTION_JWT_SECRET",
      "WS_PORT",
      "STT_PROVIDER",
      "STT_GATING",
      "STT_VAD_MODE",
      "STT_TRANSLATION_LANGUAGES",
      "STT_TRANSLATION_MODEL",
    ]) {
      expect(message).toContain(`  - ${name}:`);
    }
    expect(() => loadWsEnv({ ...base, STT_PROVIDER: "gladia" })).toThrow(/GLADIA_API_KEY: required when/);
    // /metrics is never served where browsers connect.
    expect(() => loadWsEnv({ ...base, WS_PORT: "4000", WS_METRICS_PORT: "4000" })).toThrow(
      /WS_METRICS_PORT: must differ from WS_PORT/,
    );
  });
});

describe("ws processes", () => {
  const redis = { ...base, REDIS_URL: "redis://127.0.0.1:6379" };

  it("one process per core with Redis, one without; more than one needs Redis", () => {
    expect(loadWsEnv(base).WS_PROCESSES).toBe(1);
    expect(loadWsEnv(redis).WS_PROCESSES).toBe(os.availableParallelism());
    expect(loadWsEnv({ ...redis, WS_PROCESSES: "3" }).WS_PROCESSES).toBe(3);
    expect(loadWsEnv({ ...base, WS_PROCESSES: "1" }).WS_PROCESSES).toBe(1);
    expect(() => loadWsEnv({ ...base, WS_PROCESSES: "2" })).toThrow(
      /WS_PROCESSES: more than 1 needs REDIS_URL/,
    );
    expect(() => loadWsEnv({ ...redis, WS_PROCESSES: "0" })).toThrow(/WS_PROCESSES/);
  });

  it("STT_WORKERS is the instance's total, split between its processes, at least one each", () => {
    const share = (total: number, processes: number) =>
      Array.from({ length: processes }, (_, slot) =>
        sttWorkersOf({ STT_WORKERS: total, WS_PROCESSES: processes }, slot),
      );
    expect(share(4, 1)).toEqual([4]);
    expect(share(4, 2)).toEqual([2, 2]);
    expect(share(5, 2)).toEqual([3, 2]);
    expect(share(8, 3)).toEqual([3, 3, 2]);
    expect(share(2, 4)).toEqual([1, 1, 1, 1]);
  });
});

describe("provider choice", () => {
  const python = path.join(mkdtempSync(path.join(os.tmpdir(), "ws-env-")), "python");
  writeFileSync(python, "");

  it("auto: Gladia with a key, else PocketSphinx when Whisper does not load, else none with a reason", async () => {
    const gladia = await chooseProvider(loadWsEnv({ ...base, GLADIA_API_KEY: "k" }), log);
    expect(gladia.provider?.name).toBe("gladia");
    const local = await chooseProvider(loadWsEnv({ ...base, POCKETSPHINX_PYTHON: python }), log);
    expect(local.provider?.name).toBe("pocketsphinx");
    // This "python" cannot run the Whisper worker: the fallback says so.
    expect(local.reason).toMatch(/Whisper.*PocketSphinx instead/);
    expect(gladia.reason).toBe("GLADIA_API_KEY is set");
    // The translation languages reach Gladia; the offline recognizer says it cannot translate.
    expect(gladia.provider?.translation).toEqual({ languages: [] });
    const translating = await chooseProvider(
      loadWsEnv({ ...base, GLADIA_API_KEY: "k", STT_TRANSLATION_LANGUAGES: "ru,de" }),
      log,
    );
    expect(translating.provider?.translation).toEqual({ languages: ["ru", "de"] });
    expect(local.provider?.translation).toBeNull();
    const none = await chooseProvider(loadWsEnv({ ...base, POCKETSPHINX_PYTHON: `${python}-missing` }), log);
    expect(none.provider).toBeNull();
    expect(none.unavailableReason).toMatch(/GLADIA_API_KEY|install-stt/);
  });

  it("the chosen adapter carries its price from env and its own stream policy", async () => {
    const { provider: gladia } = await chooseProvider(
      loadWsEnv({ ...base, GLADIA_API_KEY: "k", STT_PRICE_PER_MINUTE_GLADIA: "0.02" }),
      log,
    );
    expect(gladia?.pricePerMinute).toBe(0.02);
    // Gladia bills an open session: gated, it is closed after 10 s without speech.
    expect(gladia?.policy).toEqual({ flushSilenceMs: 0, idleCloseMs: 10_000 });
    const { provider: local } = await chooseProvider(
      loadWsEnv({ ...base, POCKETSPHINX_PYTHON: python, STT_PRICE_PER_MINUTE_POCKETSPHINX: "0.003" }),
      log,
    );
    expect(local?.pricePerMinute).toBe(0.003);
    // Kept open; its endpointer needs silence written after each burst.
    expect(local?.policy).toEqual({ flushSilenceMs: 600, idleCloseMs: null });
  });

  it("null: a provider that accepts audio and returns nothing", async () => {
    const { provider } = await chooseProvider(loadWsEnv({ ...base, STT_PROVIDER: "null" }), log);
    expect(provider?.name).toBe("null");
    const transcripts: unknown[] = [];
    const stream = await provider!.openStream({
      language: "en",
      streamId: "s",
      onTranscript: (t) => transcripts.push(t),
      onError: () => {},
    });
    stream.write(Buffer.alloc(5120));
    await stream.close();
    expect(transcripts).toEqual([]);
  });
});
