/**
 * Where Egress writes a recording: an S3-compatible bucket, or a folder on the Egress host that
 * the web server shares as `$DATA_DIR/recordings`. One file per recording, named by its id, so
 * a webhook's file names its row even before the start call has returned.
 */
export type EgressOutput =
  | {
      kind: "s3";
      bucket: string;
      region?: string;
      endpoint?: string;
      accessKey: string;
      secret: string;
      forcePathStyle: boolean;
      prefix: string;
    }
  | { kind: "dir"; dir: string };

export const EGRESS_FILE_EXT = "mp4";
export const EGRESS_MIME = "video/mp4";

/** The path Egress is told to write (a key in the bucket, or a path on the Egress host). */
export function egressFilepath(output: EgressOutput, recordingId: string): string {
  const name = `${recordingId}.${EGRESS_FILE_EXT}`;
  return output.kind === "s3" ? `${output.prefix}/${name}` : `${output.dir.replace(/\/+$/, "")}/${name}`;
}

/** Our storage key for that file: `s3://bucket/key`, or the local key under $DATA_DIR. */
export function egressStorageKey(output: EgressOutput, recordingId: string): string {
  const name = `${recordingId}.${EGRESS_FILE_EXT}`;
  return output.kind === "s3" ? `s3://${output.bucket}/${output.prefix}/${name}` : `recordings/${name}`;
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const RECORDING_FILE = new RegExp(`(?:^|/)(${UUID})\\.${EGRESS_FILE_EXT}$`, "i");

/** The recording id in a file name Egress reports, when it is one of ours. */
export function recordingIdOfFile(filename: string): string | undefined {
  return RECORDING_FILE.exec(filename)?.[1]?.toLowerCase();
}
