import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createReceivedRecorder } from "./received-recorder";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("received recorder (WS_RECORD_RECEIVED_DIR)", () => {
  it("keeps each stream's frames in order in a file of its own", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "received-"));
    dirs.push(dir);
    const recorder = createReceivedRecorder(path.join(dir, "nested"));
    const a = [Buffer.from([1, 2]), Buffer.from([3, 4, 5, 6])];
    const b = [Buffer.from([9, 9])];
    recorder.write("a", a[0]!);
    recorder.write("b", b[0]!);
    recorder.write("a", a[1]!);
    await Promise.all([recorder.end("a"), recorder.end("b"), recorder.end("never-written")]);
    expect(readFileSync(path.join(dir, "nested", "a.pcm"))).toEqual(Buffer.concat(a));
    expect(readFileSync(path.join(dir, "nested", "b.pcm"))).toEqual(Buffer.concat(b));
  });
});
