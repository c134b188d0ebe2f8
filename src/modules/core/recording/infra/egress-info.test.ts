import { EgressInfo, EgressStatus } from "livekit-server-sdk";
import { describe, expect, it } from "vitest";
import { egressReportedAt, egressReportOf } from "./egress-info";

const NS = BigInt(1_000_000);
const now = new Date("2026-03-01T12:00:00Z");
const ns = (iso: string) => BigInt(Date.parse(iso)) * NS;

describe("EgressInfo as the recording reads it (webhooks and ListEgress alike)", () => {
  it("reports the status without its prefix, Egress's error, and each file in ms and bytes", () => {
    const info = new EgressInfo({
      egressId: "EG_1",
      status: EgressStatus.EGRESS_LIMIT_REACHED,
      error: "time limit",
      fileResults: [
        { filename: "/r/a.mp4", location: "s3://b/a.mp4", duration: BigInt(2_500) * NS, size: BigInt(9) },
      ],
    });
    expect(egressReportOf(info)).toEqual({
      egressId: "EG_1",
      status: "LIMIT_REACHED",
      error: "time limit",
      files: [{ filename: "/r/a.mp4", location: "s3://b/a.mp4", durationMs: 2_500, sizeBytes: 9 }],
    });
  });

  it("dates a late-read state when it happened: started at startedAt, ended at endedAt", () => {
    const times = {
      startedAt: ns("2026-03-01T11:50:00Z"),
      updatedAt: ns("2026-03-01T11:58:00Z"),
      endedAt: ns("2026-03-01T11:59:00Z"),
    };
    const at = (status: EgressStatus, t: Partial<typeof times> = times) =>
      egressReportedAt(new EgressInfo({ status, ...t }), now).toISOString();
    expect(at(EgressStatus.EGRESS_ACTIVE)).toBe("2026-03-01T11:50:00.000Z");
    expect(at(EgressStatus.EGRESS_ENDING)).toBe("2026-03-01T11:58:00.000Z");
    expect(at(EgressStatus.EGRESS_COMPLETE)).toBe("2026-03-01T11:59:00.000Z");
    expect(at(EgressStatus.EGRESS_FAILED, { updatedAt: times.updatedAt })).toBe("2026-03-01T11:58:00.000Z");
    // Still starting is a sign of life now; a time Egress did not set falls back to now.
    expect(at(EgressStatus.EGRESS_STARTING)).toBe(now.toISOString());
    expect(at(EgressStatus.EGRESS_ACTIVE, {})).toBe(now.toISOString());
  });

  it("never dates a report after now (Egress's clock may run ahead)", () => {
    const info = new EgressInfo({
      status: EgressStatus.EGRESS_ACTIVE,
      startedAt: ns("2026-03-01T12:05:00Z"),
    });
    expect(egressReportedAt(info, now)).toEqual(now);
  });
});
