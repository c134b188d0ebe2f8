import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { CHUNK_BYTES } from "../domain/audio";

type Processor = {
  port: { onmessage: ((e: { data: unknown }) => void) | null };
  process(inputs: Float32Array[][]): boolean;
};

/** Runs the real worklet file in a fresh context with the two globals the AudioWorklet scope gives it. */
function loadProcessor() {
  const source = readFileSync(
    path.resolve(import.meta.dirname, "../../../../../public/worklets/pcm16-capture.js"),
    "utf8",
  );
  const posted: ArrayBuffer[] = [];
  const registered: Record<string, new () => Processor> = {};
  class AudioWorkletProcessor {
    port = {
      onmessage: null,
      postMessage: (data: ArrayBuffer, transfer: ArrayBuffer[]) => {
        expect(transfer).toEqual([data]);
        posted.push(data);
      },
    };
  }
  vm.runInNewContext(source, {
    AudioWorkletProcessor,
    registerProcessor: (name: string, ctor: new () => Processor) => (registered[name] = ctor),
    ArrayBuffer,
    DataView,
    Math,
  });
  const Ctor = registered["pcm16-capture"];
  if (!Ctor) throw new Error("pcm16-capture was not registered");
  return { processor: new Ctor(), posted };
}

/** A render quantum is 128 frames. */
const quantum = (value: number | ((i: number) => number)) =>
  Float32Array.from({ length: 128 }, (_, i) => (typeof value === "number" ? value : value(i)));

describe("pcm16-capture worklet", () => {
  it("posts 160 ms chunks of 5,120 bytes once 2,560 samples have arrived", () => {
    const { processor, posted } = loadProcessor();
    for (let q = 0; q < 19; q++) expect(processor.process([[quantum(0.5)]])).toBe(true);
    expect(posted).toHaveLength(0);
    processor.process([[quantum(0.5)]]);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.byteLength).toBe(CHUNK_BYTES);
    for (let q = 0; q < 40; q++) processor.process([[quantum(0.5)]]);
    expect(posted).toHaveLength(3);
    // Each chunk is its own buffer (transferred, so it must not be reused).
    expect(new Set(posted).size).toBe(3);
  });

  it("converts to clamped 16-bit little-endian and mixes channels to mono", () => {
    const { processor, posted } = loadProcessor();
    const samples = [0, 0.5, -0.5, 1, -1, 2, -2];
    for (let q = 0; q < 20; q++) {
      processor.process([
        [
          quantum((i) => samples[i % samples.length]!),
          quantum((i) => (i === 0 ? 1 : samples[i % samples.length]!)),
        ],
      ]);
    }
    const view = new DataView(posted[0]!);
    const read = (i: number) => view.getInt16(i * 2, true);
    expect([1, 2, 3, 4, 5, 6].map(read)).toEqual([16384, -16384, 32767, -32768, 32767, -32768]);
    // Sample 0 of every quantum: left 0, right 1 → 0.5.
    expect(read(0)).toBe(16384);
    expect(read(128)).toBe(16384);
    // The byte order is little-endian on the wire.
    expect(new Uint8Array(posted[0]!, 2, 2)).toEqual(new Uint8Array([0x00, 0x40]));
  });

  it("drops a partial chunk on reset and stops on request", () => {
    const { processor, posted } = loadProcessor();
    for (let q = 0; q < 10; q++) processor.process([[quantum(0.1)]]);
    processor.port.onmessage!({ data: "reset" });
    for (let q = 0; q < 19; q++) processor.process([[quantum(0.1)]]);
    expect(posted).toHaveLength(0);
    processor.process([[quantum(0.1)]]);
    expect(posted).toHaveLength(1);
    processor.port.onmessage!({ data: "stop" });
    expect(processor.process([[quantum(0.1)]])).toBe(false);
  });

  it("ignores render quanta without an input (no track connected yet)", () => {
    const { processor, posted } = loadProcessor();
    expect(processor.process([[]])).toBe(true);
    expect(processor.process([])).toBe(true);
    expect(posted).toHaveLength(0);
  });
});
