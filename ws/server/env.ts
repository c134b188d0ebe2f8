import os from "node:os";
import path from "node:path";
import { z } from "zod";
import {
  commaList,
  dataDir,
  logLevel,
  nodeEnv,
  poolMax,
  port,
  postgresUrl,
  redisUrl,
  secret,
  sttLocalModels,
  sttProvider,
} from "@/lib/env/fields";
import { monitoringFields } from "@/lib/env/monitoring";
import { parseEnv, type EnvSource } from "@/lib/env/parse";
import { GLADIA_TRANSLATION_LANGUAGES } from "@/modules/core/captions/infra/gladia-mapping";

const price = z.coerce.number().min(0).max(100);

/** "ru, DE,fr" → ["ru", "de", "fr"]; each a language the provider's translation offers. */
const languageList = commaList().refine((ls) => ls.every((l) => GLADIA_TRANSLATION_LANGUAGES.has(l)), {
  message: "must be a comma list of ISO 639-1 codes the translation provider offers (e.g. ru,de,fr,es)",
});

const schema = z
  .object({
    NODE_ENV: nodeEnv(),
    WS_PORT: port(3001, { allowZero: true }),
    WS_HOST: z.string().min(1).default("127.0.0.1"),
    /** Prometheus /metrics listens here, apart from the port browsers use (0: any free port). */
    WS_METRICS_PORT: port(3002, { allowZero: true }),
    WS_METRICS_HOST: z.string().min(1).default("127.0.0.1"),
    /**
     * ws processes (Node cluster workers sharing WS_PORT) of this instance; default: the cores this
     * process may use with REDIS_URL, else 1 (per-participant limits must span the processes).
     */
    WS_PROCESSES: z.coerce.number().int().min(1).max(256).optional(),
    /** Set by the cluster primary in the workers it forks (primary.ts), never by hand. */
    WS_CLUSTER_SLOT: z.coerce.number().int().min(0).max(255).optional(),
    DATABASE_URL: postgresUrl("`npm start` sets one"),
    DATABASE_POOL_MAX: poolMax(),
    TRANSCRIPTION_JWT_SECRET: secret("the supervisor generates one; same value as the web process"),
    STT_PROVIDER: sttProvider(),
    /** Local Whisper models installed (comma list; the web process offers their languages). */
    STT_LOCAL_MODELS: sttLocalModels(),
    GLADIA_API_KEY: z.string().optional(),
    GLADIA_API_URL: z.url().default("https://api.gladia.io"),
    /** The local recognizers' venv python (Whisper and PocketSphinx share it). */
    POCKETSPHINX_PYTHON: z.string().optional(),
    /**
     * Local recognizer worker processes (each decodes on one core) of the whole instance, split between
     * its WS_PROCESSES (at least 1 each); default: the cores this process may use.
     */
    STT_WORKERS: z.coerce.number().int().min(1).max(256).optional(),
    /**
     * The local recognizer's hard lag bound (ms): a stream further behind skips to live audio, and a
     * new stream is "busy" when every worker is this far behind. Over the 2 s target only partials go.
     */
    STT_LAG_BOUND_MS: z.coerce.number().int().min(3_000).max(600_000).default(5_000),
    STT_PRICE_PER_MINUTE_GLADIA: price.default(0.01),
    STT_PRICE_PER_MINUTE_POCKETSPHINX: price.default(0),
    STT_PRICE_PER_MINUTE_WHISPER: price.default(0),
    /** Server-side voice-activity gate: only speech is sent to (and billed by) the provider. */
    STT_GATING: z.enum(["on", "off"]).default("on"),
    /** WebRTC VAD aggressiveness, 0 (keeps most sound) to 3 (filters hardest). */
    STT_VAD_MODE: z.coerce.number().int().min(0).max(3).default(3),
    /** silero: Silero VAD judges what WebRTC's VAD passes (tones, music and typing are not billed). */
    STT_VAD: z.enum(["silero", "webrtc"]).default("silero"),
    /** Languages finals are translated into for viewers who choose one (Gladia only); empty: off. */
    STT_TRANSLATION_LANGUAGES: languageList,
    STT_TRANSLATION_MODEL: z.enum(["base", "enhanced"]).default("base"),
    DATA_DIR: dataDir(),
    /**
     * Announce this process's recognizer to the web process (caption_recognizers) so it offers the
     * languages streams will really get. Off only for a process the web does not send browsers to
     * (a test's second ws process): it would narrow what the web offers.
     */
    WS_ANNOUNCE_RECOGNIZER: z.enum(["on", "off"]).default("on"),
    /** Test-only: keep each stream's relayed audio there as `<stream id>.pcm` (received-recorder.ts). */
    WS_RECORD_RECEIVED_DIR: z.string().min(1).optional(),
    LOG_LEVEL: logLevel(),
    REDIS_URL: redisUrl().optional(),
    // Sentry (off without SENTRY_DSN): the same variables as the web process.
    ...monitoringFields,
  })
  .superRefine((e, ctx) => {
    if (e.WS_METRICS_PORT !== 0 && e.WS_METRICS_PORT === e.WS_PORT) {
      ctx.addIssue({
        code: "custom",
        path: ["WS_METRICS_PORT"],
        message: "must differ from WS_PORT (metrics are not served on the port browsers use)",
      });
    }
    if (e.WS_PROCESSES !== undefined && e.WS_PROCESSES > 1 && !e.REDIS_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["WS_PROCESSES"],
        message:
          "more than 1 needs REDIS_URL (opens per minute and one stream per participant are counted there, across processes)",
      });
    }
    if (e.STT_PROVIDER === "gladia" && !e.GLADIA_API_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["GLADIA_API_KEY"],
        message: "required when STT_PROVIDER=gladia",
      });
    }
  })
  .transform((e) => ({
    ...e,
    POCKETSPHINX_PYTHON: e.POCKETSPHINX_PYTHON ?? path.join(e.DATA_DIR, "stt-venv", "bin", "python"),
    WS_PROCESSES: e.WS_PROCESSES ?? (e.REDIS_URL ? os.availableParallelism() : 1),
    STT_WORKERS: e.STT_WORKERS ?? os.availableParallelism(),
  }));

export type WsEnv = z.output<typeof schema>;

export function loadWsEnv(source: EnvSource = process.env): WsEnv {
  return parseEnv("ws", schema, source);
}

/**
 * The PocketSphinx workers process `slot` (0-based) of `processes` runs: STT_WORKERS is the
 * instance's total, so N ws processes do not start N × cores decoders; the remainder goes to the
 * first slots, and every process gets at least one (it could not caption otherwise).
 */
export function sttWorkersOf(env: Pick<WsEnv, "STT_WORKERS" | "WS_PROCESSES">, slot: number): number {
  const base = Math.floor(env.STT_WORKERS / env.WS_PROCESSES);
  return Math.max(1, base + (slot < env.STT_WORKERS % env.WS_PROCESSES ? 1 : 0));
}
