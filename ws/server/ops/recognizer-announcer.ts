import os from "node:os";
import type { Logger } from "pino";
import type { Executor } from "@/lib/db/client";
import type { CaptionLanguages } from "@/modules/core/captions/domain/caption-languages";
import { announceRecognizer, withdrawRecognizer } from "@/modules/core/captions/infra/recognizer-repository";

export type RecognizerAnnouncer = { stop(): Promise<void> };

/**
 * Tells the web process what this ws process's recognizer serves — after any fallback (Whisper that
 * did not load → PocketSphinx, English only), which the web's env cannot know — now and every
 * `everyMs` while it runs, so the session form and the call offer what a stream will really get.
 * A failed announcement is logged and retried on the next tick: the web falls back on its env.
 */
export function startRecognizerAnnouncer(o: {
  db: Executor;
  captions: CaptionLanguages;
  everyMs: number;
  log: Logger;
  instance?: string;
}): RecognizerAnnouncer {
  const instance = o.instance ?? `${os.hostname()}:${process.pid}`;
  let last: Promise<void> = Promise.resolve();
  const announce = () => {
    last = announceRecognizer(o.db, instance, o.captions).catch((err: Error) =>
      o.log.warn({ err: err.message }, "could not announce the speech recognizer"),
    );
  };
  announce();
  const timer = setInterval(announce, o.everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await last;
      await withdrawRecognizer(o.db, instance).catch((err: Error) =>
        o.log.warn({ err: err.message }, "could not withdraw the speech recognizer"),
      );
    },
  };
}
