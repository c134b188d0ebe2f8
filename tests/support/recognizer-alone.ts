import { CHUNK_BYTES } from "@/modules/core/captions/domain/audio";
import { createPocketSphinxProvider } from "@/modules/core/captions/infra/pocketsphinx-provider";
import { chunks } from "./speech";
import { POCKETSPHINX_PYTHON } from "./ws-process";

/** Nothing is shed: the recognizer gets every byte, however long it takes. */
const UNBOUNDED = { targetMs: 3_600_000, boundMs: 3_600_000 };

/**
 * What PocketSphinx alone (two workers, no speech gate, no lag budget, no network) transcribes from
 * each 16 kHz mono PCM16LE recording: the ceiling the ws server's stored words are measured against.
 * Nothing is timed, so a loaded machine only slows this down.
 */
export async function recognizeAlone(recordings: Buffer[]): Promise<string[]> {
  const provider = createPocketSphinxProvider({
    python: POCKETSPHINX_PYTHON,
    workers: Math.min(2, Math.max(1, recordings.length)),
    lag: UNBOUNDED,
    busyMs: 3_600_000,
    closeTimeoutMs: 600_000,
  });
  try {
    return await Promise.all(
      recordings.map(async (pcm, i) => {
        const finals: string[] = [];
        let failed: string | null = null;
        const stream = await provider.openStream({
          language: "en",
          streamId: `alone-${i}`,
          onTranscript: (t) => {
            if (t.isFinal && t.text.trim()) finals.push(t.text);
          },
          onError: (e) => (failed = `${e.code} ${e.reason}`),
        });
        for (const part of chunks(pcm, CHUNK_BYTES)) stream.write(part);
        await stream.close();
        if (failed) throw new Error(`the recognizer alone failed on recording ${i}: ${failed}`);
        return finals.join(" ");
      }),
    );
  } finally {
    await provider.shutdown();
  }
}
