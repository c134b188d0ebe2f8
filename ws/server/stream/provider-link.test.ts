import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type {
  ProviderTranscript,
  ProviderTranslation,
  SttProvider,
} from "@/modules/core/captions/application/stt-provider";
import { CHUNK_BYTES } from "@/modules/core/captions/domain/audio";
import { ProviderLink } from "./provider-link";
import { SpeechGate } from "./speech-gate";
import { WebRtcVad, fvadLoader } from "./vad/webrtc-vad";

const CHUNK_MS = 160;

/**
 * A provider double at the port: records what each stream got; on close, one final covering it
 * (and its translation into each language the stream asked for).
 */
function scripted() {
  const streams: { bytes: number; closed: boolean; translateTo: readonly string[] }[] = [];
  const provider: SttProvider = {
    name: "scripted",
    policy: { flushSilenceMs: 0, idleCloseMs: null },
    pricePerMinute: 0,
    translation: { languages: ["de"] },
    unsupportedReason: () => null,
    captionLanguages: { engine: "null", languages: ["en"], autoDetect: false },
    async openStream({ onTranscript, onTranslation, translateTo = [] }) {
      const s = { bytes: 0, closed: false, translateTo };
      streams.push(s);
      await sleep(5);
      return {
        write: (pcm) => void (s.bytes += pcm.length),
        async close() {
          s.closed = true;
          const ms = (s.bytes / CHUNK_BYTES) * CHUNK_MS;
          // Every stream numbers its utterances from 1, as PocketSphinx and Gladia sessions do.
          onTranscript({
            id: "1",
            text: "hello",
            isFinal: true,
            startMs: 0,
            endMs: ms,
          } as ProviderTranscript);
          for (const language of translateTo) onTranslation?.({ id: "1", language, text: "hallo" });
        },
      };
    },
    async shutdown() {},
  };
  return { provider, streams };
}

function voice(chunks: number): Buffer {
  const n = (chunks * CHUNK_BYTES) / 2;
  const b = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) {
    const t = i / 16_000;
    let v = 0;
    for (let h = 1; h <= 8; h++) v += Math.sin(2 * Math.PI * 140 * h * t) / h;
    b.writeInt16LE(Math.round(3000 * v * (0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t))), i * 2);
  }
  return b;
}
const silence = (chunks: number) => Buffer.alloc(chunks * CHUNK_BYTES);
const play = (link: ProviderLink, pcm: Buffer) => {
  for (let o = 0; o < pcm.length; o += CHUNK_BYTES) link.write(pcm.subarray(o, o + CHUNK_BYTES));
};

let links: ProviderLink[] = [];
afterEach(async () => {
  await Promise.all(links.map((l) => l.close()));
  links = [];
});

describe("provider link (gate + provider streams)", () => {
  it("closes the provider stream while nobody speaks, re-opens it for the next burst, keeps ids unique and times on the participant's clock", async () => {
    const { provider, streams } = scripted();
    const finals: ProviderTranscript[] = [];
    const translations: ProviderTranslation[] = [];
    let sent = 0;
    const gate = SpeechGate.create(await WebRtcVad.create(fvadLoader(), 3, 20), {
      preRollMs: 480,
      hangoverMs: 800,
      minVoicedShare: 0.3,
      onsetChunks: 2,
    });
    const link = await ProviderLink.open({
      provider,
      language: "en",
      streamId: "s",
      translateTo: ["de"],
      gate,
      flushSilenceMs: 0,
      idleCloseMs: 50,
      quietMs: 60_000,
      maxHeldBytes: 100 * CHUNK_BYTES,
      onSent: (b) => (sent += b),
      log: pino({ level: "silent" }),
      onTranscript: (t) => finals.push(t),
      onTranslation: (t) => translations.push(t),
      onError: (e) => {
        throw new Error(e.code);
      },
    });
    links.push(link);
    // Burst 1: chunks 7–21 (3 pre-roll, 6 voiced, 1 VAD overhang, 5 hangover).
    play(link, Buffer.concat([silence(10), voice(6), silence(10)]));
    await expect.poll(() => streams[0]!.closed).toBe(true);
    // Burst 2 starts with its pre-roll at chunk 28 of the participant's audio.
    play(link, Buffer.concat([silence(5), voice(6), silence(10)]));
    await expect.poll(() => streams.length).toBe(2);
    await link.close();

    expect(streams.map((s) => s.bytes)).toEqual([15 * CHUNK_BYTES, 15 * CHUNK_BYTES]);
    expect(sent).toBe(30 * CHUNK_BYTES);
    expect(finals.map((f) => f.id)).toEqual(["1", "r1-1"]);
    // Each re-opened stream was asked for the translation too, and it names its final's id.
    expect(streams.map((s) => s.translateTo)).toEqual([["de"], ["de"]]);
    expect(translations).toEqual([
      { id: "1", language: "de", text: "hallo" },
      { id: "r1-1", language: "de", text: "hallo" },
    ]);
    expect(finals.map((f) => [f.startMs, f.endMs])).toEqual([
      [7 * CHUNK_MS, 22 * CHUNK_MS],
      [28 * CHUNK_MS, 43 * CHUNK_MS],
    ]);
  });

  it("without a gate sends every chunk to one stream, times untouched", async () => {
    const { provider, streams } = scripted();
    const finals: ProviderTranscript[] = [];
    const link = await ProviderLink.open({
      provider,
      language: "en",
      streamId: "s",
      gate: null,
      flushSilenceMs: 0,
      idleCloseMs: null,
      quietMs: 60_000,
      maxHeldBytes: 0,
      onSent: () => {},
      log: pino({ level: "silent" }),
      onTranscript: (t) => finals.push(t),
      onError: () => {},
    });
    links.push(link);
    play(link, Buffer.concat([silence(10), voice(6), silence(10)]));
    await link.close();
    expect(streams.map((s) => s.bytes)).toEqual([26 * CHUNK_BYTES]);
    expect(finals.map((f) => [f.id, f.startMs, f.endMs])).toEqual([["1", 0, 26 * CHUNK_MS]]);
  });
});
