import { describe, expect, it } from "vitest";
import { FrameReader, HEADER_BYTES, MSG, encodeFrame } from "./pocketsphinx-framing";

describe("worker pipe framing", () => {
  it("encodes stream id, type and length big-endian before the payload", () => {
    const f = encodeFrame(0x01020304, MSG.AUDIO, Buffer.from([9, 8, 7]));
    expect([...f]).toEqual([1, 2, 3, 4, MSG.AUDIO, 0, 0, 0, 3, 9, 8, 7]);
    expect(encodeFrame(5, MSG.CLOSE)).toHaveLength(HEADER_BYTES);
  });

  it("reassembles frames split and joined at every byte boundary", () => {
    const frames = [
      encodeFrame(1, MSG.TRANSCRIPT, Buffer.from('{"id":"1"}')),
      encodeFrame(2, MSG.CLOSED),
      encodeFrame(4_000_000_000, MSG.AUDIO, Buffer.alloc(700, 3)),
    ];
    const all = Buffer.concat(frames);
    for (let cut = 0; cut <= all.length; cut++) {
      const reader = new FrameReader();
      const got = [...reader.push(all.subarray(0, cut)), ...reader.push(all.subarray(cut))];
      expect(got.map((g) => [g.streamId, g.type, g.payload.length])).toEqual([
        [1, MSG.TRANSCRIPT, 10],
        [2, MSG.CLOSED, 0],
        [4_000_000_000, MSG.AUDIO, 700],
      ]);
      expect(got[0]?.payload.toString()).toBe('{"id":"1"}');
    }
  });

  it("one byte at a time yields each frame once, when its last byte arrives", () => {
    const all = Buffer.concat([encodeFrame(7, MSG.READY, Buffer.from("{}")), encodeFrame(7, MSG.CLOSED)]);
    const reader = new FrameReader();
    const at: number[] = [];
    all.forEach((byte, i) => {
      if (reader.push(Buffer.from([byte])).length > 0) at.push(i);
    });
    expect(at).toEqual([HEADER_BYTES + 1, all.length - 1]);
  });

  it("rejects a length no worker message can have instead of buffering forever", () => {
    const bad = Buffer.alloc(HEADER_BYTES);
    bad.writeUInt32BE(0xffffffff, 5);
    expect(() => new FrameReader().push(bad)).toThrow(/corrupt/);
  });
});
