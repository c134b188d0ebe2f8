import { describe, expect, it } from "vitest";
import { encoderFailure, recordingPaths } from "./run-recorder";

describe("encoderFailure", () => {
  it("names what to install when gst-launch or one of its elements is missing", () => {
    expect(encoderFailure(null, null, "spawn gst-launch-1.0 ENOENT")).toMatch(/GStreamer is not installed/);
    expect(encoderFailure(1, null, 'WARNING: erroneous pipeline: no element "x264enc"')).toBe(
      "GStreamer on the server lacks the x264enc element: install gstreamer1.0-plugins-base, -good, -bad and -ugly.",
    );
  });

  it("otherwise quotes the encoder's last line", () => {
    expect(encoderFailure(null, "SIGSEGV", "Setting pipeline to PLAYING ...\nboom\n")).toBe(
      "The encoder stopped unexpectedly (SIGSEGV): boom",
    );
  });
});

describe("recordingPaths", () => {
  it("keys files by recording id under recordings/, finished by renaming the .part", () => {
    expect(recordingPaths("/data", "abc")).toEqual({
      storageKey: "recordings/abc.mp4",
      file: "/data/recordings/abc.mp4",
      part: "/data/recordings/abc.mp4.part",
      temp: "/data/recordings/abc.mp4.tmp",
    });
  });
});
