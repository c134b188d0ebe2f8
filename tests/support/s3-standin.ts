import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const sha256 = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");
const hmac = (key: string | Buffer, s: string) => createHmac("sha256", key).update(s).digest();

/**
 * A local stand-in for an S3-compatible object store (path-style `/<bucket>/<key>`): HEAD, GET
 * (one byte range, 206), PUT and DELETE, each verified as S3 does with AWS Signature Version 4
 * (canonical request → string to sign → HMAC chain over date/region/service), recomputed here
 * from the request as received. Errors are S3's XML with its codes.
 */
export async function startS3StandIn(opts: {
  bucket: string;
  region: string;
  accessKey: string;
  secret: string;
}) {
  const objects = new Map<string, Buffer>();
  const refused: { method: string; code: string }[] = [];
  let outage = false;

  function signatureProblem(req: IncomingMessage): string | null {
    const auth = req.headers.authorization ?? "";
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m) return "AccessDenied";
    const [, key, day, region, signedHeaders, signature] = m;
    if (key !== opts.accessKey) return "InvalidAccessKeyId";
    if (region !== opts.region) return "AuthorizationHeaderMalformed";
    const amzDate = String(req.headers["x-amz-date"] ?? "");
    if (!amzDate.startsWith(day!)) return "AccessDenied";
    const url = new URL(req.url ?? "/", "http://x");
    const query = [...url.searchParams]
      .map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)])
      .sort(([a], [b]) => (a! < b! ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join("&");
    const names = signedHeaders!.split(";");
    const headers = names
      .map(
        (n) =>
          `${n}:${String(req.headers[n] ?? "")
            .trim()
            .replace(/\s+/g, " ")}\n`,
      )
      .join("");
    const payload = String(req.headers["x-amz-content-sha256"] ?? "UNSIGNED-PAYLOAD");
    const canonical = [req.method, url.pathname, query, headers, signedHeaders, payload].join("\n");
    const scope = `${day}/${region}/s3/aws4_request`;
    const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\n");
    const kSigning = hmac(hmac(hmac(hmac(`AWS4${opts.secret}`, day!), region!), "s3"), "aws4_request");
    return createHmac("sha256", kSigning).update(toSign).digest("hex") === signature
      ? null
      : "SignatureDoesNotMatch";
  }

  const fail = (res: ServerResponse, status: number, code: string, method: string) => {
    refused.push({ method, code });
    res
      .writeHead(status, { "content-type": "application/xml" })
      .end(
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`,
      );
  };

  const server = createServer(async (req, res) => {
    const method = req.method ?? "GET";
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (outage) return fail(res, 503, "SlowDown", method);
    const problem = signatureProblem(req);
    if (problem) return fail(res, 403, problem, method);
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const prefix = `/${opts.bucket}/`;
    if (!path.startsWith(prefix)) return fail(res, 404, "NoSuchBucket", method);
    const key = path.slice(prefix.length);
    if (method === "PUT") {
      objects.set(key, Buffer.concat(chunks));
      return res.writeHead(200).end();
    }
    if (method === "DELETE") {
      objects.delete(key);
      return res.writeHead(204).end();
    }
    const body = objects.get(key);
    if (!body) {
      if (method === "HEAD") return res.writeHead(404).end();
      return fail(res, 404, "NoSuchKey", method);
    }
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ""));
    if (range) {
      const start = Number(range[1]);
      const end = Math.min(range[2] ? Number(range[2]) : body.length - 1, body.length - 1);
      if (start >= body.length) return fail(res, 416, "InvalidRange", method);
      res.writeHead(206, {
        "content-length": String(end - start + 1),
        "content-range": `bytes ${start}-${end}/${body.length}`,
      });
      return res.end(method === "HEAD" ? undefined : body.subarray(start, end + 1));
    }
    res.writeHead(200, { "content-length": String(body.length), "content-type": "video/mp4" });
    res.end(method === "HEAD" ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    objects,
    refused,
    /** While on, every request gets 503 SlowDown (the store is having a bad day). */
    setOutage(on: boolean) {
      outage = on;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
