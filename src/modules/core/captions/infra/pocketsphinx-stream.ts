import type { Logger } from "pino";
import type { SttStream, SttStreamHandlers } from "../application/stt-provider";
import { BYTES_PER_SECOND } from "../domain/audio";
import { MSG } from "./pocketsphinx-framing";
import { StreamLag, type LagBudget } from "./stream-lag";

/** A stream as its worker's frame handler sees it. */
export type OpenStream = SttStreamHandlers & {
  lag: StreamLag;
  /** Set while a close waits for the worker's CLOSED. */
  closing?: () => void;
  /** The worker died or failed the stream: what it never decoded is dropped. */
  lost(): void;
};

/** What a stream needs of the worker it lives on. */
export type StreamHost = {
  dead: boolean;
  streams: Map<number, OpenStream>;
  send(id: number, type: number, payload?: Buffer): void;
};

const u32 = (n: number) => {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(Math.min(0xffff_ffff, Math.max(0, Math.round(n))), 0);
  return b;
};

/**
 * One recognizer stream on a worker, under its lag budget (see stream-lag.ts for the shedding
 * order). Close drains: what was sent is decoded and its finals delivered before close resolves,
 * for at most `drainTimeoutMs`; what is still undecoded then is reported through onDropped.
 */
export function openWorkerStream(
  w: StreamHost,
  id: number,
  handlers: SttStreamHandlers,
  o: {
    streamId: string;
    budget: LagBudget;
    drainTimeoutMs: number;
    log?: Logger;
    /** OPEN's payload: the engine's stream options (language, prompt) as JSON. */
    open?: Buffer;
  },
): SttStream {
  const log = o.log;
  const dropped = (bytes: number, why: string) => {
    if (bytes <= 0) return;
    log?.warn(
      { streamId: o.streamId, droppedMs: Math.round((bytes * 1000) / BYTES_PER_SECOND), why },
      "local stt audio dropped",
    );
    handlers.onDropped?.(bytes);
  };
  const lag = new StreamLag(o.budget, {
    send: (pcm) => w.send(id, MSG.AUDIO, pcm),
    partials: (on) => w.send(id, MSG.PARTIALS, Buffer.from([on ? 1 : 0])),
    gap: (bytes) => {
      w.send(id, MSG.GAP, u32((bytes * 1000) / BYTES_PER_SECOND));
      dropped(bytes, "over the lag bound: skipped to live audio");
    },
    status: (state, lagMs) => {
      log?.info({ streamId: o.streamId, state, lagMs }, "local stt stream lag");
      handlers.onStatus?.({ state, lagMs });
    },
  });
  const entry: OpenStream = {
    ...handlers,
    lag,
    lost: () => dropped(lag.abandon(), "the stream ended before the worker decoded it"),
  };
  w.streams.set(id, entry);
  w.send(id, MSG.OPEN, o.open);
  let closed: Promise<void> | null = null;

  return {
    write(pcm) {
      if (closed || w.dead || !w.streams.has(id)) return;
      lag.write(pcm);
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        if (w.dead || !w.streams.has(id)) return resolve();
        // Held audio is within the bound: it is sent and decoded too.
        lag.flush();
        const timer = setTimeout(() => {
          w.streams.delete(id);
          entry.lost();
          resolve();
        }, o.drainTimeoutMs);
        entry.closing = () => {
          clearTimeout(timer);
          resolve();
        };
        w.send(id, MSG.CLOSE);
      });
      return closed;
    },
  };
}
