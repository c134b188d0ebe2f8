import type { SttProvider, SttStream } from "../application/stt-provider";
import { captionLanguages } from "../domain/caption-languages";

/**
 * Accepts audio and transcribes nothing: for load benchmarks of the ws server, where the relay
 * and not a recognizer is what is measured. `onWrite` lets a benchmark observe each hand-off.
 */
export function createNullProvider(opts: { onWrite?: (pcm: Buffer) => void } = {}): SttProvider {
  return {
    name: "null",
    policy: { flushSilenceMs: 0, idleCloseMs: null },
    pricePerMinute: 0,
    translation: null,
    unsupportedReason: () => null,
    captionLanguages: captionLanguages({ provider: "null", gladiaKey: false, localModels: [] }),
    async openStream(): Promise<SttStream> {
      return {
        write(pcm) {
          opts.onWrite?.(pcm);
        },
        async close() {},
      };
    },
    async shutdown() {},
  };
}
