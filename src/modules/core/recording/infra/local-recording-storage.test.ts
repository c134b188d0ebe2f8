import { mkdtemp, mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { localRecordingStorage } from "./local-recording-storage";

describe("local recording storage", () => {
  it("reads ranges and deletes files under <dataDir>/recordings only", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "rooms-rec-"));
    await mkdir(path.join(dataDir, "recordings"));
    await writeFile(path.join(dataDir, "recordings", "a.mp4"), "0123456789");
    await writeFile(path.join(dataDir, "secret.txt"), "do not serve");
    const storage = localRecordingStorage(dataDir);
    expect(await storage.size("recordings/a.mp4")).toBe(10);
    const part = await new Response(await storage.read("recordings/a.mp4", { start: 2, end: 5 })).text();
    expect(part).toBe("2345");
    for (const key of [
      "recordings/../secret.txt",
      "secret.txt",
      "/etc/passwd",
      "recordings/",
      "recordings/x/../../secret.txt",
    ]) {
      expect([key, await storage.size(key)]).toEqual([key, null]);
      await storage.remove(key);
    }
    expect(await readFile(path.join(dataDir, "secret.txt"), "utf8")).toBe("do not serve");
    await storage.remove("recordings/a.mp4");
    await storage.remove("recordings/a.mp4");
    expect(await storage.size("recordings/a.mp4")).toBeNull();
  });
});
