import type Redis from "ioredis";
import type { Logger } from "pino";
import type { CloseKey } from "@/modules/core/captions/domain/close-codes";

/** A live caption stream, as the registry sees it. */
export type StreamHolder = { participantId: string; streamId: string; end(close: CloseKey): void };

export type ParticipantStreams = {
  /** Registers a stream that just became live; the participant's oldest beyond `max` are REPLACED. */
  claim(h: StreamHolder): Promise<void>;
  release(h: StreamHolder): void;
  /** Ends local streams another instance's newer stream replaced (runs every `recheckMs`). */
  check(): Promise<void>;
  stop(): void;
};

const key = (participantId: string) => `rooms:caption-streams:${participantId}`;
/** A list outlives its streams by this much at most (refreshed by every claim and check). */
const KEY_TTL_S = 2 * 60 * 60;

/**
 * At most `max` live caption streams per participant: each one is a provider session, a metering
 * row and (PocketSphinx) a decoder while it speaks, so 25 sockets on one token must not become 25
 * streams (issue 14). The newest wins: a second tab or device, or a reconnect whose old socket the
 * server has not noticed is dead yet, takes over, and the older socket is closed with REPLACED,
 * which the browser does not retry (two tabs do not take turns).
 *
 * With Redis, every instance pushes its stream ids onto one list per participant, trimmed to `max`
 * (newest first), so the count spans instances: the instance that owns a trimmed-off stream ends it
 * at its next check. Without Redis, or while it is down, each process counts its own.
 */
export function createParticipantStreams(opts: {
  max: number;
  recheckMs: number;
  redis?: Redis;
  log: Logger;
  onError(kind: string): void;
}): ParticipantStreams {
  const local = new Map<string, StreamHolder[]>();
  // Streams whose push reached Redis. A check only judges these: one in flight may answer from
  // before a claim's push (replies come in order on the one connection, so once a push is
  // confirmed, every later answer includes it unless a newer stream trimmed it).
  const pushed = new WeakSet<StreamHolder>();
  let checking = false;

  const replace = (h: StreamHolder) => {
    opts.log.info({ participantId: h.participantId, streamId: h.streamId }, "caption stream replaced");
    h.end("REPLACED");
  };

  /** Ends local holders of `participantId` that are not among `kept` (newest first). */
  const keepOnly = (participantId: string, kept: string[]) => {
    if (!kept.length) return; // No list (Redis restarted or the key expired): nothing to go by.
    for (const h of local.get(participantId) ?? []) {
      if (pushed.has(h) && !kept.includes(h.streamId)) replace(h);
    }
  };

  const timer = setInterval(() => void check(), opts.recheckMs);
  timer.unref();

  async function check() {
    const redis = opts.redis;
    if (!redis || checking || local.size === 0) return;
    checking = true;
    try {
      const ids = [...local.keys()];
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.lrange(key(id), 0, -1).expire(key(id), KEY_TTL_S);
      const results = (await pipeline.exec()) ?? [];
      ids.forEach((id, i) => {
        const [err, kept] = results[i * 2] ?? [];
        if (!err) keepOnly(id, kept as string[]);
      });
    } catch (err) {
      opts.onError("streams_check");
      opts.log.warn({ err }, "caption stream check failed; per-process limit only");
    } finally {
      checking = false;
    }
  }

  return {
    async claim(h) {
      const mine = [...(local.get(h.participantId) ?? []), h];
      local.set(h.participantId, mine);
      // Within this process, at once, whatever Redis says.
      for (const old of mine.slice(0, Math.max(0, mine.length - opts.max))) replace(old);
      if (!opts.redis) return;
      try {
        const results = await opts.redis
          .multi()
          .lpush(key(h.participantId), h.streamId)
          .ltrim(key(h.participantId), 0, opts.max - 1)
          .expire(key(h.participantId), KEY_TTL_S)
          .lrange(key(h.participantId), 0, -1)
          .exec();
        const [err, kept] = results?.[3] ?? [new Error("no reply")];
        if (err) throw err;
        pushed.add(h);
        keepOnly(h.participantId, kept as string[]);
      } catch (err) {
        opts.onError("streams_claim");
        opts.log.warn({ err }, "caption stream claim failed; per-process limit only");
      }
    },
    release(h) {
      const mine = (local.get(h.participantId) ?? []).filter((x) => x !== h);
      if (mine.length) local.set(h.participantId, mine);
      else local.delete(h.participantId);
      opts.redis?.lrem(key(h.participantId), 0, h.streamId).catch(() => {
        // Trimmed away by a newer stream anyway, or the key expires.
      });
    },
    check,
    stop() {
      clearInterval(timer);
    },
  };
}
