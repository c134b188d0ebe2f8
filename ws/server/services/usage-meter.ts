import type { Executor } from "@/lib/db/client";
import { upsertUsage, type UsageRow } from "@/modules/core/usage/infra/usage-repository";
import type { Logger } from "pino";
import { audioSeconds as secondsOf } from "@/modules/core/captions/domain/audio";

type Stream = Omit<UsageRow, "costUsd" | "audioSeconds" | "billedSeconds" | "droppedSeconds"> & {
  audioBytes: number;
  billedBytes: number;
  droppedBytes: number;
  pricePerMinute: number;
  dirty: boolean;
  ended: boolean;
};

/**
 * Meters audio per participant stream: "audio" is every second a client sent us, "billed" is what
 * went to the provider (not while paused, and with gating on only speech with its pre-roll and
 * hangover; the zeros written to help a local recognizer finalize are not audio anyone sent). Running totals are upserted on the stream's id every
 * few seconds and at its end, so a killed process loses seconds of metering at most.
 */
export function createUsageMeter(
  db: Executor,
  opts: { flushIntervalMs: number; backoffMs: (attempt: number) => number; log: Logger },
) {
  const streams = new Map<string, Stream>();
  let attempt = 0;
  let flushing: Promise<void> | null = null;
  const timer = setInterval(() => void flush(), opts.flushIntervalMs);
  timer.unref();

  const rowOf = (s: Stream): UsageRow => {
    const audioSeconds = secondsOf(s.audioBytes);
    const billedSeconds = secondsOf(s.billedBytes);
    return {
      streamId: s.streamId,
      videoSessionId: s.videoSessionId,
      participantId: s.participantId,
      userId: s.userId,
      provider: s.provider,
      audioSeconds,
      billedSeconds,
      droppedSeconds: secondsOf(s.droppedBytes),
      costUsd: (billedSeconds / 60) * s.pricePerMinute,
    };
  };

  async function writeDirty(): Promise<void> {
    const dirty = [...streams.values()].filter((s) => s.dirty);
    if (!dirty.length) return;
    for (const s of dirty) s.dirty = false;
    try {
      await upsertUsage(db, dirty.map(rowOf));
      attempt = 0;
      for (const s of dirty) if (s.ended && !s.dirty) streams.delete(s.streamId);
    } catch (err) {
      for (const s of dirty) s.dirty = true;
      opts.log.warn({ err, streams: dirty.length, attempt }, "usage write failed; will retry");
      throw err;
    }
  }

  function flush(): Promise<void> {
    flushing ??= writeDirty()
      .catch(() => new Promise<void>((r) => setTimeout(r, opts.backoffMs(attempt++))))
      .finally(() => {
        flushing = null;
      });
    return flushing;
  }

  return {
    open(s: Omit<Stream, "audioBytes" | "billedBytes" | "droppedBytes" | "dirty" | "ended">) {
      streams.set(s.streamId, {
        ...s,
        audioBytes: 0,
        billedBytes: 0,
        droppedBytes: 0,
        dirty: true,
        ended: false,
      });
    },
    /** `received`: audio the client sent (paused or not); `billed`: audio handed to the provider. */
    record(streamId: string, received: number, billed: number) {
      const s = streams.get(streamId);
      if (!s) return;
      s.audioBytes += received;
      s.billedBytes += billed;
      s.dirty = true;
    },
    /** The provider reports `bytes` it was handed as dropped (never transcribed): unbilled, counted apart. */
    unbill(streamId: string, bytes: number) {
      const s = streams.get(streamId);
      if (!s) return;
      const back = Math.min(bytes, s.billedBytes);
      s.billedBytes -= back;
      s.droppedBytes += back;
      s.dirty = true;
    },
    end(streamId: string) {
      const s = streams.get(streamId);
      if (!s) return;
      s.ended = true;
      s.dirty = true;
      // The stream's final totals go out now rather than at the next tick.
      void (flushing ?? Promise.resolve()).then(() => flush());
    },
    flush,
    /** At shutdown: keep trying for up to `ms`. */
    async drain(ms: number) {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        if (flushing) await flushing;
        if (![...streams.values()].some((s) => s.dirty)) break;
        await flush();
      }
      clearInterval(timer);
    },
  };
}

export type UsageMeter = ReturnType<typeof createUsageMeter>;
