import { AwsClient } from "aws4fetch";
import type { RecordingStorage } from "../application/recording-storage";
import type { EgressOutput } from "../domain/egress-output";

type S3Output = Extract<EgressOutput, { kind: "s3" }>;

/**
 * Recordings Egress uploaded to an S3-compatible bucket (keys `s3://bucket/key`), read and deleted
 * with SigV4-signed requests. The web server streams them through, so the transcript's access rule
 * applies to the file too and the bucket stays private.
 */
export function s3RecordingStorage(o: S3Output): RecordingStorage {
  const region = o.region ?? "us-east-1";
  const aws = new AwsClient({
    accessKeyId: o.accessKey,
    secretAccessKey: o.secret,
    service: "s3",
    region,
    retries: 1,
  });
  const urlOf = (storageKey: string): string | null => {
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(storageKey);
    if (!m || m[1] !== o.bucket) return null;
    const key = m[2]!.split("/").map(encodeURIComponent).join("/");
    const endpoint = (o.endpoint ?? `https://s3.${region}.amazonaws.com`).replace(/\/+$/, "");
    if (o.forcePathStyle || o.endpoint) return `${endpoint}/${o.bucket}/${key}`;
    return `https://${o.bucket}.s3.${region}.amazonaws.com/${key}`;
  };
  return {
    async size(storageKey) {
      const url = urlOf(storageKey);
      if (!url) return null;
      const res = await aws.fetch(url, { method: "HEAD" });
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`S3 HEAD ${res.status}`);
      return Number(res.headers.get("content-length"));
    },
    async read(storageKey, range) {
      const url = urlOf(storageKey);
      if (!url) throw new Error(`not a key of bucket ${o.bucket}: ${storageKey}`);
      const res = await aws.fetch(url, {
        headers: range ? { range: `bytes=${range.start}-${range.end}` } : {},
      });
      if (!res.ok || !res.body) throw new Error(`S3 GET ${res.status}`);
      return res.body;
    },
    async remove(storageKey) {
      const url = urlOf(storageKey);
      if (!url) return;
      const res = await aws.fetch(url, { method: "DELETE" });
      if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${res.status}`);
    },
  };
}
