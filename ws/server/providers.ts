import fs from "node:fs";
import type { Logger } from "pino";
import type { SttProvider } from "@/modules/core/transcription/application/stt-provider";
import { createNullProvider } from "@/modules/core/transcription/infra/null-provider";
import type { WsEnv } from "./env";
import { SETTINGS } from "./settings";

export type ProviderChoice = { provider: SttProvider | null; unavailableReason: string };

/**
 * STT_PROVIDER=auto: Gladia when a key is set, else PocketSphinx when its Python venv exists,
 * else none (clients get "captions unavailable: …" and the call goes on).
 */
export async function chooseProvider(env: WsEnv, log: Logger): Promise<ProviderChoice> {
  let choice = env.STT_PROVIDER;
  if (choice === "auto") {
    choice = env.GLADIA_API_KEY ? "gladia" : fs.existsSync(env.POCKETSPHINX_PYTHON) ? "pocketsphinx" : "none";
  }
  switch (choice) {
    case "null":
      return { provider: createNullProvider(), unavailableReason: "" };
    case "none":
      return {
        provider: null,
        unavailableReason: `no speech recognizer is set up (set GLADIA_API_KEY, or install PocketSphinx with scripts/install-stt.sh)`,
      };
    default:
      return openAdapter(choice, env, log);
  }
}

// Loaded on demand, so only the chosen adapter (and its SDK or worker) is loaded.
async function openAdapter(
  choice: "gladia" | "pocketsphinx",
  env: WsEnv,
  log: Logger,
): Promise<ProviderChoice> {
  try {
    if (choice === "gladia") {
      const { createGladiaProvider } = await import("@/modules/core/transcription/infra/gladia-provider");
      return {
        provider: createGladiaProvider({
          apiKey: env.GLADIA_API_KEY!,
          apiUrl: env.GLADIA_API_URL,
          logger: log,
          translation: { languages: env.STT_TRANSLATION_LANGUAGES, model: env.STT_TRANSLATION_MODEL },
        }),
        unavailableReason: "",
      };
    }
    const { createPocketSphinxProvider } =
      await import("@/modules/core/transcription/infra/pocketsphinx-provider");
    return {
      provider: createPocketSphinxProvider({
        python: env.POCKETSPHINX_PYTHON,
        logger: log,
        maxDecoders: SETTINGS.pocketsphinx.maxDecodersPerWorker,
        idleDecoders: SETTINGS.pocketsphinx.idleDecoders,
        workers: env.STT_WORKERS,
        lag: { ...SETTINGS.pocketsphinx.lag, boundMs: env.STT_LAG_BOUND_MS },
        busyMs: env.STT_LAG_BOUND_MS,
        closeTimeoutMs: SETTINGS.pocketsphinx.drainTimeoutMs,
      }),
      unavailableReason: "",
    };
  } catch (err) {
    log.error({ err, provider: choice }, "speech recognizer could not start");
    return { provider: null, unavailableReason: `the ${choice} speech recognizer could not start` };
  }
}
