import { z } from "zod";
import proxyaddr from "proxy-addr";
import { devLoginExposure } from "./loopback";
import {
  dataDir,
  logLevel,
  nodeEnv,
  poolMax,
  postgresUrl,
  redisUrl,
  secret,
  sttLocalModels,
  sttProvider,
  wsUrl,
} from "./fields";
import { checkLlmEnv, llmFields } from "./analysis";
import { monitoringFields } from "./monitoring";
import { checkRecordingEnv, recordingFields } from "./recording";
import { boolFlag, parseEnv, setTogether, type EnvSource } from "./parse";

const schema = z
  .object({
    NODE_ENV: nodeEnv(),
    DATABASE_URL: postgresUrl("start with `npm start` for the embedded database"),
    DATABASE_POOL_MAX: poolMax(),
    // A dead or silent database must fail requests (503) instead of holding them forever.
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
    // The address the web server binds to (the supervisor passes it); gates the dev sign-in.
    HOST: z.string().optional(),
    // Whose X-Forwarded-For to believe: proxy addresses/CIDRs, or how many hops in front are ours.
    TRUSTED_PROXIES: z
      .string()
      .transform((s) =>
        s
          .split(",")
          .map((p) => p.trim())
          .filter(Boolean),
      )
      .optional(),
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).optional(),
    NEXTAUTH_URL: z.url().default("http://localhost:3000"),
    NEXTAUTH_SECRET: secret(),
    AUTH_DEV_LOGIN: boolFlag.optional(),
    GOOGLE_CLIENT_ID: z.string().optional(),
    GOOGLE_CLIENT_SECRET: z.string().optional(),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_NAME: z.string().default("Single sign-on"),
    CLOUDINARY_URL: z
      .string()
      .regex(/^cloudinary:\/\//, "must look like cloudinary://KEY:SECRET@CLOUD")
      .optional(),
    LIVEKIT_URL: wsUrl().optional(),
    LIVEKIT_API_URL: z.url().optional(),
    LIVEKIT_API_KEY: z.string().optional(),
    LIVEKIT_API_SECRET: z.string().optional(),
    // Set by the supervisor when it could not start a local media server, to tell users why.
    MEDIA_UNAVAILABLE_REASON: z.string().optional(),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .min(0.05)
      .max(24 * 60)
      .default(5),
    SESSION_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    // LiveKit webhook ids are kept to drop redeliveries, which come within minutes; older ones go.
    WEBHOOK_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
    REDIS_URL: redisUrl().optional(),
    DATA_DIR: dataDir(),
    // Where browsers reach the ws transcription server, and the secret both processes share.
    TRANSCRIPTION_WS_URL: wsUrl().default("ws://localhost:3001"),
    // Several ws instances (comma list): each client gets one picked per participant, the rest to fail
    // over to. Unset = TRANSCRIPTION_WS_URL alone.
    TRANSCRIPTION_WS_URLS: z
      .string()
      .transform((s) =>
        s
          .split(",")
          .map((u) => u.trim())
          .filter(Boolean),
      )
      .pipe(z.array(wsUrl()).min(1, "must list at least one ws:// or wss:// URL"))
      .optional(),
    TRANSCRIPTION_JWT_SECRET: secret("same value as the ws process; `npm start` generates one").optional(),
    // The ws process's recognizer settings: the web process offers the caption languages they can do.
    STT_PROVIDER: sttProvider(),
    GLADIA_API_KEY: z.string().optional(),
    STT_LOCAL_MODELS: sttLocalModels(),
    LOG_LEVEL: logLevel(),
    // The session analysis's LLM (analysis.ts; shared with the standalone analysis worker).
    ...llmFields,
    // Who sees everyone's transcription usage and the admin pages: emails, compared case-insensitively.
    ADMIN_EMAILS: z
      .string()
      .default("")
      .transform((s) =>
        s
          .split(",")
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean),
      ),
    // Sentry (off without SENTRY_DSN); shared with the edge and ws processes.
    ...monitoringFields,
    // Call recording: recorder, Egress output (recording.ts).
    ...recordingFields,
  })
  .superRefine((e, ctx) => {
    checkRecordingEnv(e, ctx);
    if (e.AUTH_DEV_LOGIN ?? e.NODE_ENV !== "production") {
      const exposure = devLoginExposure({ host: e.HOST, publicUrl: e.NEXTAUTH_URL });
      if (exposure) ctx.addIssue({ code: "custom", path: ["AUTH_DEV_LOGIN"], message: exposure });
    }
    if (e.TRUSTED_PROXIES && e.TRUSTED_PROXY_HOPS !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["TRUSTED_PROXIES"],
        message: "set TRUSTED_PROXIES or TRUSTED_PROXY_HOPS, not both",
      });
    }
    if (e.TRUSTED_PROXIES) {
      try {
        proxyaddr.compile(e.TRUSTED_PROXIES);
      } catch (err) {
        ctx.addIssue({ code: "custom", path: ["TRUSTED_PROXIES"], message: (err as Error).message });
      }
    }
    const pairs: [string, string | undefined, string, string | undefined][] = [
      ["GOOGLE_CLIENT_ID", e.GOOGLE_CLIENT_ID, "GOOGLE_CLIENT_SECRET", e.GOOGLE_CLIENT_SECRET],
    ];
    for (const [a, av, b, bv] of pairs) {
      if (!!av !== !!bv)
        ctx.addIssue({ code: "custom", path: [av ? b : a], message: `set together with ${av ? a : b}` });
    }
    const { LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET } = e;
    setTogether(ctx, { LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET });
    checkLlmEnv(e, ctx);
    setTogether(ctx, {
      OIDC_ISSUER: e.OIDC_ISSUER,
      OIDC_CLIENT_ID: e.OIDC_CLIENT_ID,
      OIDC_CLIENT_SECRET: e.OIDC_CLIENT_SECRET,
    });
  })
  .transform(({ GLADIA_API_KEY, ...e }) => ({
    ...e,
    // Only whether a key is set matters here (it picks Gladia under `auto`); the key stays out.
    captions: { provider: e.STT_PROVIDER, gladiaKey: !!GLADIA_API_KEY, localModels: e.STT_LOCAL_MODELS },
    // The dev sign-in accepts any name and email: never on in production unless asked for.
    devLoginEnabled: e.AUTH_DEV_LOGIN ?? e.NODE_ENV !== "production",
    transcriptionWsUrls: e.TRANSCRIPTION_WS_URLS ?? [e.TRANSCRIPTION_WS_URL],
  }));

export type WebEnv = z.output<typeof schema>;

export function loadWebEnv(source: EnvSource = process.env): WebEnv {
  return parseEnv("web", schema, source);
}

// A pure memo of parsing process.env (which does not change while the process runs), not wiring.
let cached: WebEnv | undefined;

/** Read lazily so `next build` can import route modules without a runtime environment. */
export function webEnv(): WebEnv {
  cached ??= loadWebEnv();
  return cached;
}
