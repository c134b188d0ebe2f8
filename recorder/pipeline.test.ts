import { describe, expect, it } from "vitest";
import { parseDiscovererDuration, pipelineArgs } from "./pipeline";

describe("pipeline", () => {
  it("reads gst-discoverer's duration line", () => {
    expect(parseDiscovererDuration("Properties:\n  Duration: 0:00:30.066666666\n  Seekable: yes")).toBe(
      30_067,
    );
    expect(parseDiscovererDuration("  Duration: 1:02:03.500000000")).toBe(3_723_500);
    expect(parseDiscovererDuration("no duration here")).toBeNull();
  });

  it("passes paths as single arguments, so spaces need no quoting", () => {
    const args = pipelineArgs(
      { width: 1280, height: 720, fps: 15, sampleRate: 48_000, videoKbps: 1500, audioBps: 64_000 },
      "/data dir/recordings/a.mp4.part",
      "/data dir/recordings/a.mp4.tmp",
    );
    expect(args).toContain("location=/data dir/recordings/a.mp4.part");
    expect(args).toContain("faststart-file=/data dir/recordings/a.mp4.tmp");
    expect(args).toContain("blocksize=1382400");
  });
});
