import { EgressClient, EncodedFileOutput, EncodedFileType, S3Upload, ServerError } from "livekit-server-sdk";
import type { RecorderPort } from "../application/recorder-port";
import { egressFilepath, type EgressOutput } from "../domain/egress-output";

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
 * layout) into one MP4. Progress arrives as egress webhooks, mapped by `recorderEventOf`.
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
