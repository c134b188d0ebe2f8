import { randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { NextRequest } from "next/server";
import { PEER_HEADER } from "../../src/server/http/client-address";
import type { WriteRoute } from "./api-fuzz";

/**
 * How the API fuzz reaches a route: in-process through the handler Next would call (fast, what the
 * integration suite runs), or over HTTP to a running `next start`, which adds Next's router, the
 * proxy and the NextAuth routes (`npm run fuzz:api -- --http`).
 */

/** `api: false`: the client resolved `..` in the path to somewhere outside /api (a page's 404). */
export type Sent = { status: number; text: string; api?: boolean };
export type SendOptions = {
  params: Record<string, string>;
  cookie?: string;
  contentType?: string | null;
  body?: BodyInit;
};
export type Transport = {
  /** Whether routes that need Next's request scope (NextAuth) can be reached. */
  server: boolean;
  send(route: WriteRoute, method: string, opts: SendOptions): Promise<Sent>;
  health(): Promise<number>;
};

const ROOT = path.resolve(import.meta.dirname, "../..");
// Sent as they are over HTTP, so Next's router has to decode (or refuse) them itself.
const RAW = new Set(["%ff", "%", "..", "../../etc/passwd", "."]);

function pathOf(route: WriteRoute, params: Record<string, string>, raw: boolean): string {
  return route.template.replace(/\[(\.\.\.)?(\w+)\]/g, (_, catchAll: string | undefined, name: string) => {
    const value = params[name] ?? "";
    if (raw && RAW.has(value)) return value;
    return catchAll ? value.split("/").map(encodeURIComponent).join("/") : encodeURIComponent(value);
  });
}

export function inProcess(): Transport {
  return {
    server: false,
    async send(route, method, opts) {
      const headers = new Headers({ [PEER_HEADER]: `10.77.${randomUUID().slice(0, 8)}` });
      if (opts.cookie) headers.set("cookie", opts.cookie);
      if (opts.contentType != null) headers.set("content-type", opts.contentType);
      const url = new URL(pathOf(route, opts.params, false), "http://localhost:3000");
      const req = new NextRequest(url, { method, headers, body: opts.body });
      const segment = Object.fromEntries(
        route.params.map((p) => [
          p.name,
          p.catchAll ? (opts.params[p.name] ?? "").split("/") : opts.params[p.name],
        ]),
      );
      const res = await route.handlers[method]!(req, { params: Promise.resolve(segment) });
      return { status: res.status, text: await res.text() };
    },
    async health() {
      const file = path.join(ROOT, "src/app/api/health/route.ts");
      type Handler = (req: NextRequest, segment: { params: Promise<object> }) => Promise<Response>;
      const mod = (await import(pathToFileURL(file).href)) as { GET: Handler };
      const req = new NextRequest(new URL("/api/health", "http://localhost:3000"));
      return (await mod.GET(req, { params: Promise.resolve({}) })).status;
    },
  };
}

/** A server started with TRUSTED_PROXIES=127.0.0.1: each request is its own client address. */
export function overHttp(baseUrl: string): Transport {
  return {
    server: true,
    async send(route, method, opts) {
      const headers = new Headers({ "x-forwarded-for": `10.78.${randomUUID().slice(0, 8)}` });
      if (opts.cookie) headers.set("cookie", opts.cookie);
      if (opts.contentType != null) headers.set("content-type", opts.contentType);
      const url = new URL(`${baseUrl}${pathOf(route, opts.params, true)}`);
      const res = await fetch(url, {
        method,
        headers,
        body: opts.body,
        redirect: "manual",
      });
      return { status: res.status, text: await res.text(), api: url.pathname.startsWith("/api/") };
    },
    async health() {
      return (await fetch(`${baseUrl}/api/health`)).status;
    },
  };
}
