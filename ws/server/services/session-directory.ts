import type { Logger } from "pino";
import type { Executor } from "@/lib/db/client";
import type { CloseKey } from "@/modules/core/captions/domain/close-codes";
import {
  findAbsentParticipants,
  findSessionStates,
  findStreamContext,
  type StreamContext,
} from "@/modules/core/captions/infra/stream-context-repository";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Member = { sessionId: string; participantId: string; end(close: CloseKey): void };

/**
 * Session/participant lookups with a short in-memory cache, and a timer that re-reads the state of
 * every session that has connected sockets, and whether their participants are still present
 * (not departed, still members where the session requires it), so a session that ends (or turns
 * captions off) or a participant who left or was removed loses its sockets within seconds even
 * though lookups are cached.
 */
export function createSessionDirectory(
  db: Executor,
  opts: {
    cacheMs: number;
    recheckMs: number;
    /** How long after a recorded departure a participant still counts as present (see settings). */
    leftGraceMs: number;
    log: Logger;
    onError(kind: string): void;
  },
) {
  const cache = new Map<string, { at: number; value: StreamContext | null }>();
  const members = new Map<string, Set<Member>>();
  let checking = false;

  const timer = setInterval(() => void recheck(), opts.recheckMs);
  timer.unref();

  async function recheck() {
    if (checking || members.size === 0) return;
    checking = true;
    try {
      const states = await findSessionStates(db, [...members.keys()]);
      for (const s of states) {
        const close: CloseKey | null =
          s.status === "ENDED" ? "SESSION_ENDED" : !s.transcriptionEnabled ? "CAPTIONS_DISABLED" : null;
        if (!close) continue;
        for (const [key, entry] of cache) if (entry.value?.sessionId === s.id) cache.delete(key);
        for (const m of [...(members.get(s.id) ?? [])]) m.end(close);
      }
      const all = [...members.values()].flatMap((set) => [...set]);
      const ids = [...new Set(all.map((m) => m.participantId))];
      const absent = new Set(await findAbsentParticipants(db, ids, opts.leftGraceMs));
      for (const m of all) {
        if (!absent.has(m.participantId)) continue;
        cache.delete(`${m.sessionId}/${m.participantId}`);
        m.end("NOT_PARTICIPANT");
      }
    } catch (err) {
      opts.onError("session_recheck");
      opts.log.warn({ err }, "session re-check failed");
    } finally {
      checking = false;
    }
  }

  return {
    /** null when the ids are not a participant of that session. */
    async context(sessionId: string, participantId: string): Promise<StreamContext | null> {
      if (!UUID.test(sessionId) || !UUID.test(participantId)) return null;
      const key = `${sessionId}/${participantId}`;
      const hit = cache.get(key);
      if (hit && Date.now() - hit.at < opts.cacheMs) return hit.value;
      const value = await findStreamContext(db, sessionId, participantId, opts.leftGraceMs);
      // Only a present participant is remembered: one who rejoins right after leaving (a reload)
      // must not be refused for the cache's lifetime.
      if (value?.present) cache.set(key, { at: Date.now(), value });
      else cache.delete(key);
      // Bounded: entries of long-gone streams are dropped once the cache grows.
      if (cache.size > 50_000) {
        for (const [k, e] of cache) if (Date.now() - e.at >= opts.cacheMs) cache.delete(k);
      }
      return value;
    },
    join(m: Member) {
      let set = members.get(m.sessionId);
      if (!set) members.set(m.sessionId, (set = new Set()));
      set.add(m);
    },
    leave(m: Member) {
      const set = members.get(m.sessionId);
      set?.delete(m);
      if (set && set.size === 0) members.delete(m.sessionId);
    },
    recheck,
    stop() {
      clearInterval(timer);
    },
  };
}

export type SessionDirectory = ReturnType<typeof createSessionDirectory>;
