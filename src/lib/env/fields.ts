import { z } from "zod";
import { LOCAL_MODELS, STT_PROVIDER_CHOICES, isLocalModel } from "@/modules/core/shared/domain/stt-config";

/**
 * Field rules shared by the env schemas of every process (web, ws, recorder, supervisor), so one
 * variable is checked, defaulted and explained the same way wherever it is read.
 */

/** `hint` says where a value comes from when none is set (differs per process). */
export const postgresUrl = (hint = "`npm start` sets one for the embedded database") =>
  z.string().regex(/^postgres(ql)?:\/\//, `must be a postgres:// or postgresql:// URL (${hint})`);

export const redisUrl = () => z.string().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL");

export const wsUrl = () => z.string().regex(/^wss?:\/\//, "must be a ws:// or wss:// URL");

/** Signing keys: 32 characters is the floor for HMAC-SHA256 secrets. */
export const secret = (hint = "openssl rand -base64 32") =>
  z.string().min(32, `must be at least 32 characters (${hint})`);

/** A TCP port; `allowZero` for servers whose tests ask the OS for a free one. */
export const port = (fallback: number, { allowZero = false } = {}) =>
  z.coerce
    .number()
    .int()
    .min(allowZero ? 0 : 1)
    .max(65_535)
    .default(fallback);

export const poolMax = () => z.coerce.number().int().min(1).max(100).default(10);

export const positiveNumber = (fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().positive().max(max).default(fallback);

export const nodeEnv = () => z.enum(["development", "production", "test"]).default("development");

export const logLevel = () =>
  z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info");

/** Local state: embedded database, generated secrets, avatars, the speech-to-text venv. */
export const dataDir = () => z.string().default(".data");

/** Which speech recognizer captions use (web and ws read the same variable; `auto` as in captionLanguages). */
export const sttProvider = () => z.enum(STT_PROVIDER_CHOICES).default("auto");

/** "a, B,c,a" → ["a", "b", "c"]: trimmed, lower-cased, without blanks or repeats. */
export const commaList = (fallback = "") =>
  z
    .string()
    .default(fallback)
    .transform((s) => [
      ...new Set(
        s
          .split(",")
          .map((m) => m.trim().toLowerCase())
          .filter(Boolean),
      ),
    ]);

/**
 * STT_LOCAL_MODELS: the local Whisper models installed, a comma list ("tiny.en,base"); the English
 * model by default. Both processes read it: the ws process loads them, the web process offers their
 * languages.
 */
export const sttLocalModels = () =>
  commaList("tiny.en").pipe(
    z
      .array(
        z
          .string()
          .refine(isLocalModel, `must be one of ${Object.keys(LOCAL_MODELS).join(", ")} (a comma list)`),
      )
      .min(1, `must name at least one of ${Object.keys(LOCAL_MODELS).join(", ")}`)
      .transform((ms) => ms.filter(isLocalModel)),
  );
