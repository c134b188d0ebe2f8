import { describe, expect, it } from "vitest";
import { canMove, RECORDING_STATUSES, sourcesOf } from "./recording";
import { recorderEventOf } from "./egress-report";

describe("recording transitions", () => {
  it("only forward along STARTING → RECORDING → PROCESSING → READY; FAILED from any non-final", () => {
    expect(sourcesOf("RECORDING")).toEqual(["STARTING"]);
    expect(sourcesOf("PROCESSING")).toEqual(["STARTING", "RECORDING"]);
    expect(sourcesOf("READY")).toEqual(["STARTING", "RECORDING", "PROCESSING"]);
    expect(sourcesOf("FAILED")).toEqual(["STARTING", "RECORDING", "PROCESSING"]);
    for (const to of RECORDING_STATUSES) {
      expect(canMove("READY", to)).toBe(false);
      expect(canMove("FAILED", to)).toBe(false);
    }
    expect(canMove("PROCESSING", "RECORDING")).toBe(false);
  });
});

describe("Egress reports as recorder events", () => {
  const id = "0b5c3f0e-2f0a-4f5e-9d7c-1a2b3c4d5e6f";
  const at = new Date(0);
  const dir = { kind: "dir", dir: "/out/recordings" } as const;
  const s3 = {
    kind: "s3",
    bucket: "rec",
    accessKey: "k",
    secret: "s",
    forcePathStyle: true,
    prefix: "calls",
  } as const;
  const file = { filename: `calls/${id}.mp4`, location: "https://x", durationMs: 1234, sizeBytes: 99 };
  const report = (status: string, files = [file], error = "") => ({ egressId: "EG_1", status, error, files });

  it("maps statuses and names the row from the file", () => {
    expect(recorderEventOf(report("STARTING"), at, dir)).toMatchObject({
      type: "heartbeat",
      recordingId: id,
    });
    expect(recorderEventOf(report("ACTIVE", []), at, dir)).toEqual({
      type: "started",
      externalId: "EG_1",
      recordingId: undefined,
      at,
    });
    expect(recorderEventOf(report("ENDING"), at, dir)?.type).toBe("processing");
    expect(recorderEventOf(report("COMPLETE"), at, s3)).toMatchObject({
      type: "ready",
      storageKey: `s3://rec/calls/${id}.mp4`,
      durationMs: 1234,
      sizeBytes: 99,
      mimeType: "video/mp4",
    });
    expect(recorderEventOf(report("LIMIT_REACHED"), at, dir)).toMatchObject({
      type: "ready",
      storageKey: `recordings/${id}.mp4`,
    });
  });
  it("fails with a reason a host can read, including an end without a file", () => {
    expect(recorderEventOf(report("FAILED", [], "no space"), at, dir)).toMatchObject({
      type: "failed",
      reason: "The recorder failed: no space",
    });
    expect(recorderEventOf(report("COMPLETE", []), at, dir)).toMatchObject({
      type: "failed",
      reason: "The recorder failed: it wrote no file",
    });
    expect(recorderEventOf(report("ABORTED"), at, dir)).toMatchObject({
      reason: "The recording was aborted.",
    });
    expect(recorderEventOf(report("SOMETHING_NEW"), at, dir)).toBeNull();
  });
});
