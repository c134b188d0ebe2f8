import type Redis from "ioredis";
import type { SttProvider } from "@/modules/core/captions/application/stt-provider";
import { createDb } from "@/lib/db/client";
import { createLogger } from "@/lib/logger";
import {
  createPocketSphinxProvider,
  type PocketSphinxOptions,
} from "@/modules/core/captions/infra/pocketsphinx-provider";
import { startTranscriptionServer } from "../../ws/server/server";
import { testSecret } from "./transcription-seed";
import { POCKETSPHINX_PYTHON } from "./ws-process";

/** The real PocketSphinx adapter, with a count of the bytes each stream handed to it. */
export function recording(inner: SttProvider) {
  const written = new Map<string, number>();
  const provider: SttProvider = {
    name: inner.name,
    writesNumbersAsWords: inner.writesNumbersAsWords,
    policy: inner.policy,
    pricePerMinute: inner.pricePerMinute,
    translation: inner.translation,
    unsupportedReason: (l) => inner.unsupportedReason(l),
    captionLanguages: inner.captionLanguages,
    async openStream(o) {
      const s = await inner.openStream(o);
      written.set(o.streamId, 0);
      return {
        write(pcm) {
          written.set(o.streamId, written.get(o.streamId)! + pcm.length);
          s.write(pcm);
        },
        close: () => s.close(),
      };
    },
    shutdown: () => inner.shutdown(),
  };
  return { provider, written };
}

/**
 * Tests stream speech 2–4× faster than real time to stay short, which a loaded 2-core machine does
 * not decode in time: with the production lag budget the recognizer would shed it. Shedding is
 * tested with its own budget (ws-stt-lag.test.ts, stt-pocketsphinx.test.ts).
 */
const FASTER_THAN_REAL_TIME = { targetMs: 600_000, boundMs: 600_000 };

/** The ws server in this process on the test database, with the real PocketSphinx adapter recorded. */
export async function startTestWsServer(
  opts: {
    gating?: { vadMode: number };
    secret?: string;
    redis?: Redis;
    streamOpensPerMinute?: number;
    /** Recognizer options beyond the defaults (a slower worker, a tighter lag budget). */
    pocketsphinx?: Omit<PocketSphinxOptions, "python">;
  } = {},
) {
  // A shared secret lets two instances accept the same tokens.
  const secret = opts.secret ?? testSecret();
  const { db, pool } = createDb(process.env.DATABASE_URL!, 4);
  const rec = recording(
    createPocketSphinxProvider({
      python: POCKETSPHINX_PYTHON,
      lag: FASTER_THAN_REAL_TIME,
      pricePerMinute: 0.5,
      ...opts.pocketsphinx,
    }),
  );
  const server = await startTranscriptionServer({
    host: "127.0.0.1",
    port: 0,
    db,
    secret,
    provider: rec.provider,
    log: createLogger("ws-test", "silent"),
    gating: opts.gating ?? null,
    redis: opts.redis,
    streamOpensPerMinute: opts.streamOpensPerMinute,
  });
  return {
    secret,
    db,
    rec,
    server,
    async stop() {
      await server.shutdown();
      await pool.end();
    },
  };
}
