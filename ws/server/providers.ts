import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Logger } from "pino";
import type { SttProvider } from "@/modules/core/captions/application/stt-provider";
import { createNullProvider } from "@/modules/core/captions/infra/null-provider";
import type { WsEnv } from "./env";
import { SETTINGS } from "./settings";

/** `reason`: why this provider (or none) serves, for logs and /healthz. */
export type ProviderChoice = { provider: SttProvider | null; unavailableReason: string; reason: string };

type Choice = "gladia" | "whisper" | "pocketsphinx" | "null" | "none";

/**
 * STT_PROVIDER=auto: Gladia when a key is set; else Whisper when its model loads and the machine
 * has the memory for its workers; else PocketSphinx when its venv exists; else none (clients get
 * "captions unavailable: …" and the call goes on).
 */
export async function chooseProvider(env: WsEnv, log: Logger): Promise<ProviderChoice> {
  const { choice, reason } = await pick(env);
  log.info({ provider: choice, reason }, "speech recognizer chosen");
  switch (choice) {
    case "null":
      return { provider: createNullProvider(), unavailableReason: "", reason };
    case "none":
      return {
        provider: null,
        unavailableReason: `no speech recognizer is set up (set GLADIA_API_KEY, or install the local one with scripts/install-stt.sh)`,
        reason,
      };
    default:
      return { ...(await openAdapter(choice, env, log)), reason };
  }
}

async function pick(env: WsEnv): Promise<{ choice: Choice; reason: string }> {
  if (env.STT_PROVIDER !== "auto") return { choice: env.STT_PROVIDER, reason: "STT_PROVIDER is set" };
  if (env.GLADIA_API_KEY) return { choice: "gladia", reason: "GLADIA_API_KEY is set" };
  const hasPython = fs.existsSync(env.POCKETSPHINX_PYTHON);
  const fallback = (why: string): { choice: Choice; reason: string } =>
    hasPython
      ? { choice: "pocketsphinx", reason: `${why}: PocketSphinx instead` }
      : { choice: "none", reason: `${why}, and no local speech recognizer is installed` };
  const needMb = SETTINGS.whisper.memoryPerWorkerMb * env.STT_WORKERS;
  const freeMb = Math.round(os.freemem() / 2 ** 20);
  if (freeMb < needMb) {
    return fallback(`Whisper needs ~${needMb} MB for ${env.STT_WORKERS} workers, ${freeMb} MB is free`);
  }
  if (!hasPython) return fallback("the speech recognizer's venv is missing (scripts/install-stt.sh)");
  const { findWhisperModels, probeWhisper } = await import("@/modules/core/captions/infra/whisper-provider");
  const failed = await probeWhisper(env.POCKETSPHINX_PYTHON, findWhisperModels(modelsDir(env)));
  if (failed) return fallback(failed);
  return { choice: "whisper", reason: "no GLADIA_API_KEY; the Whisper model loads" };
}

const modelsDir = (env: WsEnv) => path.join(env.DATA_DIR, "models");

// Loaded on demand, so only the chosen adapter (and its SDK or worker) is loaded.
async function openAdapter(
  choice: "gladia" | "whisper" | "pocketsphinx",
  env: WsEnv,
  log: Logger,
): Promise<Omit<ProviderChoice, "reason">> {
  const local = {
    python: env.POCKETSPHINX_PYTHON,
    logger: log,
    workers: env.STT_WORKERS,
    busyMs: env.STT_LAG_BOUND_MS,
    closeTimeoutMs: SETTINGS.pocketsphinx.drainTimeoutMs,
  };
  try {
    if (choice === "gladia") {
      const { createGladiaProvider } = await import("@/modules/core/captions/infra/gladia-provider");
      return {
        provider: createGladiaProvider({
          apiKey: env.GLADIA_API_KEY!,
          apiUrl: env.GLADIA_API_URL,
          logger: log,
          translation: { languages: env.STT_TRANSLATION_LANGUAGES, model: env.STT_TRANSLATION_MODEL },
          pricePerMinute: env.STT_PRICE_PER_MINUTE_GLADIA,
        }),
        unavailableReason: "",
      };
    }
    if (choice === "whisper") {
      const { createWhisperProvider, findWhisperModels } =
        await import("@/modules/core/captions/infra/whisper-provider");
      return {
        provider: createWhisperProvider({
          ...local,
          models: findWhisperModels(modelsDir(env)),
          threads: SETTINGS.whisper.threadsPerWorker,
          partialIntervalMs: SETTINGS.whisper.partialIntervalMs,
          lag: { ...SETTINGS.pocketsphinx.lag, boundMs: env.STT_LAG_BOUND_MS },
          pricePerMinute: env.STT_PRICE_PER_MINUTE_WHISPER,
        }),
        unavailableReason: "",
      };
    }
    const { createPocketSphinxProvider } =
      await import("@/modules/core/captions/infra/pocketsphinx-provider");
    return {
      provider: createPocketSphinxProvider({
        ...local,
        maxDecoders: SETTINGS.pocketsphinx.maxDecodersPerWorker,
        idleDecoders: SETTINGS.pocketsphinx.idleDecoders,
        lag: { ...SETTINGS.pocketsphinx.lag, boundMs: env.STT_LAG_BOUND_MS },
        pricePerMinute: env.STT_PRICE_PER_MINUTE_POCKETSPHINX,
      }),
      unavailableReason: "",
    };
  } catch (err) {
    log.error({ err, provider: choice }, "speech recognizer could not start");
    return { provider: null, unavailableReason: `the ${choice} speech recognizer could not start` };
  }
}
