import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { Agent, createServer } from "node:https";
import type { IncomingMessage } from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";

export type StoredUpload = {
  publicId: string;
  format: string;
  bytes: Buffer;
  params: Record<string, string>;
};

/**
 * A local stand-in for Cloudinary's upload API (POST /v1_1/:cloud/image/upload and
 * /v1_1/:cloud/image/destroy), checking what the real service checks: api_key, a fresh timestamp,
 * and the SHA-1 signature over the sorted parameters (excluding file, cloud_name, resource_type
 * and api_key) followed by the API secret. Errors come back the way Cloudinary sends them:
 * `{ "error": { "message" } }` with a 4xx status. Stored images are served like the delivery CDN
 * at GET /:cloud/image/upload/v:version/:public_id.:format (see `deliveryUrl`), 404 once destroyed.
 * It serves HTTPS with a throw-away certificate, as the real API does; `agent` trusts it.
 */
export async function startCloudinaryStandIn(creds: { cloud: string; key: string; secret: string }) {
  const uploads: StoredUpload[] = [];
  const destroyed: { publicId: string; params: Record<string, string> }[] = [];
  const assets = new Map<string, { format: string; bytes: Buffer }>();
  const tls = selfSignedCertificate();

  /** The reason a signed API call is refused, or null when it is genuine. */
  const refusal = (params: Record<string, string>): [number, string] | null => {
    if (params.api_key !== creds.key) return [401, `Unknown API key ${params.api_key}`];
    const ts = Number(params.timestamp);
    if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > 3600) return [400, "Stale request"];
    const signed = Object.keys(params)
      .filter(
        (k) => !["api_key", "resource_type", "cloud_name", "signature", "signature_algorithm"].includes(k),
      )
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join("&");
    const expected = createHash("sha1")
      .update(signed + creds.secret)
      .digest("hex");
    if (params.signature !== expected) {
      return [401, `Invalid Signature ${params.signature}. String to sign - '${signed}'.`];
    }
    return null;
  };

  const server = createServer(tls, async (req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    try {
      const delivery = req.url?.match(/^\/([^/]+)\/image\/upload\/v\d+\/(.+)\.([a-z]+)$/);
      if (req.method === "GET" && delivery) {
        const asset = delivery[1] === creds.cloud ? assets.get(delivery[2]!) : undefined;
        if (!asset || asset.format !== delivery[3])
          return reply(404, { error: { message: "Resource not found" } });
        res.writeHead(200, { "content-type": `image/${asset.format === "jpg" ? "jpeg" : asset.format}` });
        return res.end(asset.bytes);
      }
      const match = req.url?.match(/^\/v1_1\/([^/]+)\/image\/(upload|destroy)$/);
      if (req.method !== "POST" || !match) return reply(404, { error: { message: "Not found" } });
      if (match[1] !== creds.cloud) return reply(401, { error: { message: "Invalid cloud_name" } });
      const form = await readForm(req);
      const params: Record<string, string> = {};
      let file = "";
      for (const [k, v] of form.entries()) {
        if (k === "file")
          file = typeof v === "string" ? v : Buffer.from(await v.arrayBuffer()).toString("latin1");
        else params[k] = String(v);
      }
      const refused = refusal(params);
      if (refused) return reply(refused[0], { error: { message: refused[1] } });

      if (match[2] === "destroy") {
        if (!params.public_id)
          return reply(400, { error: { message: "Missing required parameter - public_id" } });
        destroyed.push({ publicId: params.public_id, params });
        return reply(200, { result: assets.delete(params.public_id) ? "ok" : "not found" });
      }

      const dataUri = file.match(/^data:([^;]+);base64,(.*)$/);
      if (!dataUri) return reply(400, { error: { message: "Invalid image file" } });
      const bytes = Buffer.from(dataUri[2]!, "base64");
      const publicId = params.folder ? `${params.folder}/${params.public_id}` : params.public_id!;
      const format = params.format ?? dataUri[1]!.split("/")[1]!;
      uploads.push({ publicId, format, bytes, params });
      assets.set(publicId, { format, bytes });
      const version = Math.floor(Date.now() / 1000);
      const path = `image/upload/v${version}/${publicId}.${format}`;
      return reply(200, {
        public_id: publicId,
        version,
        format,
        resource_type: "image",
        type: "upload",
        bytes: bytes.length,
        created_at: new Date().toISOString(),
        url: `http://res.cloudinary.com/${creds.cloud}/${path}`,
        secure_url: `https://res.cloudinary.com/${creds.cloud}/${path}`,
      });
    } catch (err) {
      reply(500, { error: { message: String(err) } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    uploads,
    destroyed,
    agent: new Agent({ ca: tls.cert }),
    url: `cloudinary://${creds.key}:${creds.secret}@${creds.cloud}?upload_prefix=${encodeURIComponent(origin)}`,
    /** Where this stand-in serves a `secure_url` it returned (res.cloudinary.com in production). */
    deliveryUrl: (secureUrl: string) => secureUrl.replace("https://res.cloudinary.com", origin),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readForm(req: IncomingMessage): Promise<FormData> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new Request("http://standin/", {
    method: "POST",
    headers: { "content-type": req.headers["content-type"] ?? "" },
    body: Buffer.concat(chunks),
  }).formData();
}

function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cloudinary-standin-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      path.join(dir, "key.pem"),
      "-out",
      path.join(dir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  return { key: readFileSync(path.join(dir, "key.pem")), cert: readFileSync(path.join(dir, "cert.pem")) };
}
