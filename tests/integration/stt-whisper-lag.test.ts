import { beforeAll, describe, expect, it } from "vitest";
import { ServiceUnavailableError } from "@/modules/core/shared/domain/errors";
import {
  createWhisperProvider,
  findWhisperModels,
} from "@/modules/core/transcription/infra/whisper-provider";
import { MODELS_DIR, feed, finals, installLocalStt, openRecorded } from "../support/local-stt";
import { MEETING_SENTENCES, speechPcm16k } from "../support/speech";

/**
 * The lag budget (issue 15) holds for Whisper unchanged: its worker speaks the same protocol, so
 * a worker slowed with --slow (it sleeps that many seconds per second of audio) falls behind.
 */
let python = "";

beforeAll(() => {
  python = installLocalStt();
}, 300_000);

const whisper = (o: Omit<Parameters<typeof createWhisperProvider>[0], "python" | "models">) =>
  createWhisperProvider({ python, models: findWhisperModels(MODELS_DIR), ...o });

describe("Whisper lag budget (real worker, slowed)", () => {
  it("a stream that falls behind sheds partials first ('delayed'), then skips to live audio ('catching up'), and says what it dropped", async () => {
    const slow = whisper({
      slow: 1,
      lag: { inFlightMs: 500, targetMs: 1_000, boundMs: 2_500 },
      closeTimeoutMs: 30_000,
    });
    try {
      const speech = speechPcm16k({ sentences: MEETING_SENTENCES, trailingSilenceMs: 600 });
      const { stream, got } = await openRecorded(slow, "behind");
      await feed((c) => stream.write(c), speech.pcm, 4);
      const droppedBeforeClose = got.droppedBytes;
      await stream.close();

      expect(got.errors).toEqual([]);
      expect(got.statuses[0]).toBe("delayed");
      expect(got.statuses.indexOf("catching_up")).toBeGreaterThan(0);
      expect(droppedBeforeClose).toBeGreaterThan(0);
      expect(droppedBeforeClose).toBeLessThan(speech.pcm.length);
      // the close drained the rest: nothing more dropped
      expect(got.droppedBytes).toBe(droppedBeforeClose);
      const fin = finals(got);
      expect(fin.length).toBeGreaterThan(0);
      expect(new Set(fin.map((t) => t.id)).size).toBe(fin.length);
      for (const f of fin) expect(f.endMs!).toBeLessThanOrEqual(speech.durationMs);
      for (let i = 1; i < fin.length; i++)
        expect(fin[i]!.startMs!).toBeGreaterThanOrEqual(fin[i - 1]!.endMs!);
    } finally {
      await slow.shutdown();
    }
  }, 120_000);

  it("a new stream gets 'captions busy' while every worker is over its bound", async () => {
    const one = whisper({ slow: 1, busyMs: 1_000 });
    try {
      const first = await openRecorded(one, "first");
      for (let i = 0; i < 3; i++) first.stream.write(Buffer.alloc(32_000));
      const err = await openRecorded(one, "second").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServiceUnavailableError);
      expect((err as ServiceUnavailableError).code).toBe("captions_busy");
      await first.stream.close();
      expect(first.got.droppedBytes).toBe(0);
    } finally {
      await one.shutdown();
    }
  }, 60_000);
});
