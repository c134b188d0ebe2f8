import { EgressClient, EncodedFileOutput, EncodedFileType, S3Upload, ServerError } from "livekit-server-sdk";
import type { RecorderPort } from "../application/recorder-port";
import { egressFilepath, type EgressOutput } from "../domain/egress-output";
import { recorderEventOf } from "../domain/egress-report";
import { egressReportOf, egressReportedAt } from "./egress-info";

export type EgressConfig = {
  /** http(s):// URL of the LiveKit server's API (Egress requests go through it). */
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
  output: EgressOutput;
  requestTimeoutSeconds?: number;
};

/**
 * The production recorder: a LiveKit Egress room composite (everyone's audio and video, grid
 * layout) into one MP4. Progress arrives as egress webhooks, mapped by `recorderEventOf`; when
 * they stop coming, `status` asks Egress (`ListEgress`) and maps its answer the same way.
 */
export function egressRecorder(config: EgressConfig): RecorderPort {
  const client = new EgressClient(config.apiUrl, config.apiKey, config.apiSecret, {
    requestTimeout: config.requestTimeoutSeconds ?? 10,
    failover: false,
  });
  return {
    kind: "EGRESS",
    async start({ recordingId, roomName }) {
      const file = new EncodedFileOutput({
        fileType: EncodedFileType.MP4,
        filepath: egressFilepath(config.output, recordingId),
        output:
          config.output.kind === "s3" ? { case: "s3", value: s3Upload(config.output) } : { case: undefined },
      });
      const info = await client.startRoomCompositeEgress(
        roomName,
        { file },
        { layout: "grid", audioOnly: false },
      );
      return { externalId: info.egressId };
    },
    async stop({ externalId }) {
      try {
        await client.stopEgress(externalId);
      } catch (err) {
        // Already finished or gone: stopping it is done.
        if (err instanceof ServerError && (err.code === "failed_precondition" || err.code === "not_found"))
          return;
        throw err;
      }
    },
    async status({ externalId, now }) {
      let items;
      try {
        items = await client.listEgress({ egressId: externalId });
      } catch (err) {
        // LiveKit answers not_found for an egress it has no record of (never, or expired).
        if (err instanceof ServerError && err.code === "not_found") return null;
        throw err;
      }
      // A server that ignores `egressId` lists every egress: ours is the one with the id.
      const info = items.find((i) => i.egressId === externalId);
      if (!info) return null;
      const at = egressReportedAt(info, now);
      // A status this code does not know yet still proves Egress is working on it.
      return (
        recorderEventOf(egressReportOf(info), at, config.output) ?? { type: "heartbeat", externalId, at }
      );
    },
  };
}

function s3Upload(o: Extract<EgressOutput, { kind: "s3" }>): S3Upload {
  return new S3Upload({
    bucket: o.bucket,
    region: o.region ?? "",
    endpoint: o.endpoint ?? "",
    accessKey: o.accessKey,
    secret: o.secret,
    forcePathStyle: o.forcePathStyle,
  });
}
