import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

export type EnvelopeItem = { header: Record<string, unknown>; payload: unknown };
export type ReceivedEnvelope = {
  projectId: string;
  /** The envelope header: dsn, sent_at, sdk, trace. */
  header: Record<string, unknown>;
  items: EnvelopeItem[];
  /** The whole decoded body, to check that a string appears nowhere in it. */
  raw: string;
};

export type SentryStandin = {
  /** DSN for project `projectId` with public key `publicKey`, pointing here. */
  dsn: string;
  /** Every request that reached the server, valid or not. */
  requests: { method: string; url: string }[];
  envelopes: ReceivedEnvelope[];
  /** Error events (items of type `event`) received so far. */
  events(): Record<string, unknown>[];
  stop(): Promise<void>;
};

/**
 * Splits an envelope: a header line, then per item a header line and a payload that is either
 * `length` bytes (when the item header says) or the next line.
 */
export function parseEnvelope(body: Buffer): { header: Record<string, unknown>; items: EnvelopeItem[] } {
  let pos = 0;
  const line = () => {
    const end = body.indexOf(0x0a, pos);
    const out = body.subarray(pos, end === -1 ? body.length : end);
    pos = end === -1 ? body.length : end + 1;
    return out;
  };
  const header = JSON.parse(line().toString("utf8")) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  while (pos < body.length) {
    const h = line().toString("utf8").trim();
    if (!h) continue;
    const itemHeader = JSON.parse(h) as Record<string, unknown>;
    let payload: Buffer;
    if (typeof itemHeader.length === "number") {
      payload = body.subarray(pos, pos + itemHeader.length);
      pos += itemHeader.length;
      if (body[pos] === 0x0a) pos++;
    } else {
      payload = line();
    }
    const text = payload.toString("utf8");
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // attachments and the like stay text
    }
    items.push({ header: itemHeader, payload: parsed });
  }
  return { header, items };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks);
  const gzipped = req.headers["content-encoding"] === "gzip" || (body[0] === 0x1f && body[1] === 0x8b);
  return gzipped ? gunzipSync(body) : body;
}

/** A local Sentry ingest that accepts envelopes at `/api/<project>/envelope/` and records them. */
export async function startSentryStandin(opts: { projectId?: string; publicKey?: string } = {}) {
  const projectId = opts.projectId ?? "4242";
  const publicKey = opts.publicKey ?? "0123456789abcdef0123456789abcdef";
  const requests: SentryStandin["requests"] = [];
  const envelopes: ReceivedEnvelope[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "" });
    const m = /^\/api\/([^/]+)\/envelope\/?(?:\?.*)?$/.exec(req.url ?? "");
    if (req.method !== "POST" || !m) {
      res.writeHead(404).end();
      return;
    }
    readBody(req).then(
      (body) => {
        try {
          const parsed = parseEnvelope(body);
          envelopes.push({ projectId: m[1]!, ...parsed, raw: body.toString("utf8") });
          res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
        } catch {
          res.writeHead(400).end();
        }
      },
      () => res.writeHead(400).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const standin: SentryStandin = {
    dsn: `http://${publicKey}@127.0.0.1:${port}/${projectId}`,
    requests,
    envelopes,
    events: () =>
      envelopes.flatMap((e) =>
        e.items.filter((i) => i.header.type === "event").map((i) => i.payload as Record<string, unknown>),
      ),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return standin;
}
