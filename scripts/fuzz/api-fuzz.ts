import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { ERROR_CODES } from "../../src/modules/core/shared/domain/error-codes";
import { signInDev } from "../../src/modules/core/identity/application/sign-in-dev";
import { PEER_HEADER } from "../../src/server/http/client-address";
import { getDb } from "../../src/server/db";
import { bodyOf, sampleCases, schemaKeys, type ApiCase } from "./api-cases";

/**
 * The API fuzz: every write route under src/app/api (found on disk, so a new route is fuzzed
 * without touching this file) gets hostile bodies, content types and path params, in-process
 * through the same handlers Next calls. Shared by `npm run fuzz:api` and the integration test.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;
type Handler = (req: NextRequest, segment: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

export type WriteRoute = {
  /** e.g. /api/spaces/[spaceId]/members/[userId] */
  template: string;
  params: { name: string; catchAll: boolean }[];
  methods: string[];
  handlers: Record<string, Handler>;
};

/** Every src/app/api/**\/route.ts that exports a write method, in a stable order. */
export async function writeRoutes(root = ROOT): Promise<WriteRoute[]> {
  const apiDir = path.join(root, "src/app/api");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name === "route.ts") files.push(path.join(dir, e.name));
    }
  };
  walk(apiDir);
  const routes: WriteRoute[] = [];
  for (const file of files.sort()) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const methods = WRITE_METHODS.filter((m) => typeof mod[m] === "function");
    if (!methods.length) continue;
    const segments = path.relative(path.join(root, "src/app"), path.dirname(file)).split(path.sep);
    routes.push({
      template: `/${segments.join("/")}`,
      params: segments
        .map((s) => /^\[(\.\.\.)?(\w+)\]$/.exec(s))
        .filter((m) => m !== null)
        .map((m) => ({ name: m[2]!, catchAll: Boolean(m[1]) })),
      methods,
      handlers: Object.fromEntries(methods.map((m) => [m, mod[m] as Handler])),
    });
  }
  return routes;
}

type Caller = { id: string; email: string; cookie: string };
type Context = { owner: Caller; member: Caller; values: Record<string, string> };

async function makeCaller(name: string): Promise<Caller> {
  const email = `fuzz-${randomUUID().slice(0, 12)}@example.test`;
  const user = await signInDev(getDb(), { name, email });
  const token = await encode({
    token: { uid: user.id, name: user.name, email: user.email, sub: user.id },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  return { id: user.id, email: user.email, cookie: `next-auth.session-token=${token}` };
}

export type Sent = { status: number; text: string; contentType: string | null };

/** One request through a route's handler, as Next's router would make it. */
export async function send(
  route: WriteRoute,
  method: string,
  opts: { params: Record<string, string>; cookie?: string; contentType?: string | null; body?: BodyInit },
): Promise<Sent> {
  const urlPath = route.template.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) =>
    encodeURIComponent(opts.params[name] ?? ""),
  );
  const headers = new Headers({ [PEER_HEADER]: `10.77.${randomUUID().slice(0, 8)}` });
  if (opts.cookie) headers.set("cookie", opts.cookie);
  if (opts.contentType != null) headers.set("content-type", opts.contentType);
  const req = new NextRequest(new URL(urlPath, "http://localhost:3000"), {
    method,
    headers,
    body: opts.body,
  });
  const segment = Object.fromEntries(
    route.params.map((p) => [
      p.name,
      p.catchAll ? (opts.params[p.name] ?? "").split("/") : opts.params[p.name],
    ]),
  );
  const res = await route.handlers[method]!(req, { params: Promise.resolve(segment) });
  return { status: res.status, text: await res.text(), contentType: res.headers.get("content-type") };
}

function find(routes: WriteRoute[], template: string): WriteRoute {
  const r = routes.find((x) => x.template === template);
  if (!r) throw new Error(`fuzz setup needs ${template}`);
  return r;
}

/** An owner with a space, a member, a session (not started: no recorder is spawned) and a task. */
async function makeContext(routes: WriteRoute[]): Promise<Context> {
  const [owner, member] = await Promise.all([makeCaller("Fuzz Owner"), makeCaller("Fuzz Member")]);
  const json = async (template: string, params: Record<string, string>, body: unknown) => {
    const res = await send(find(routes, template), "POST", {
      params,
      cookie: owner.cookie,
      contentType: "application/json",
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`fuzz setup: POST ${template} answered ${res.status} ${res.text}`);
    return JSON.parse(res.text) as Record<string, { id: string; slug?: string }>;
  };
  const spaceId = (await json("/api/spaces", {}, { name: "Fuzz" })).space!.id;
  await json("/api/spaces/[spaceId]/members", { spaceId }, { email: member.email });
  const slug = (await json("/api/spaces/[spaceId]/sessions", { spaceId }, { title: "Fuzz" })).session!.slug!;
  const taskId = (await json("/api/spaces/[spaceId]/tasks", { spaceId }, { title: "Fuzz" })).task!.id;
  return {
    owner,
    member,
    values: {
      spaceId,
      slug,
      userId: member.id,
      taskId,
      id: randomUUID(),
      nextauth: "callback/dev",
      file: "x.png",
    },
  };
}

export type Failure = { index: number; request: string; status: number; response: string; why: string };
export type ApiFuzzResult = {
  seed: number;
  cases: number;
  routes: string[];
  statuses: Record<number, number>;
  failures: Failure[];
  healthAfter: number;
};

const KNOWN = new Set<string>(ERROR_CODES);
/**
 * NextAuth's routes read cookies through Next's request scope, which only a running server has;
 * they are left to the sign-in tests (and speak their own protocol, not the error envelope).
 */
export const NEEDS_SERVER = /^\/api\/auth\//;
/** A body-less 2xx here changes who is in the space or whether it exists: start from a fresh one. */
const DESTRUCTIVE = (method: string, template: string) =>
  method === "DELETE" || /\/(end|leave)$/.test(template) || /members\/\[userId\]$/.test(template);

function check(res: Sent): string | null {
  if (res.status >= 500) return `status ${res.status}`;
  if (res.status < 400) return null;
  let body: { error?: { code?: unknown; message?: unknown } } | undefined;
  try {
    body = JSON.parse(res.text);
  } catch {
    return "error body is not JSON";
  }
  const code = body?.error?.code;
  if (typeof code !== "string" || typeof body?.error?.message !== "string" || !body.error.message) {
    return "error body is not {error:{code,message}}";
  }
  if (!KNOWN.has(code)) return `error code ${code} is not in ERROR_CODES`;
  return null;
}

function describe(route: WriteRoute, method: string, c: ApiCase, params: Record<string, string>) {
  const body = bodyOf(c.body);
  const shown = typeof body === "string" ? body : body ? `bytes[${body.length}]` : "(none)";
  const p = JSON.stringify(params, (_, v: unknown) =>
    typeof v === "string" && v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v,
  );
  return `${method} ${route.template} caller=${c.caller} type=${JSON.stringify(c.contentType)} params=${p} body(${c.body.kind})=${shown.slice(0, 160)}${shown.length > 160 ? `…(${shown.length})` : ""}`;
}

/** Runs `cases` cases from `seed`; never throws on a bad answer, collects it. */
export async function fuzzApi(opts: {
  seed: number;
  cases: number;
  /** Called every so often with progress, for the by-hand script. */
  onProgress?: (done: number) => void;
}): Promise<ApiFuzzResult> {
  const routes = (await writeRoutes()).filter((r) => !NEEDS_SERVER.test(r.template));
  const cases = sampleCases(routes, schemaKeys(ROOT), opts.seed, opts.cases);
  const statuses: Record<number, number> = {};
  const failures: Failure[] = [];
  let ctx = await makeContext(routes);
  let used = 0;
  let index = -1;
  for (const c of cases) {
    index++;
    // Fresh users every 20 cases keep the per-user rate limits (100/min) from answering everything.
    if (used >= 20) {
      ctx = await makeContext(routes);
      used = 0;
    }
    used++;
    const route = routes[c.route]!;
    const method = route.methods[c.method]!;
    const params = Object.fromEntries(
      route.params.map((p) => [p.name, c.params.kind === "bad" ? c.params.value : ctx.values[p.name]!]),
    );
    const cookie = c.caller === "anonymous" ? undefined : ctx[c.caller].cookie;
    // Built only for a failure: an oversized body is megabytes.
    const request = () => describe(route, method, c, params);
    let res: Sent;
    try {
      res = await send(route, method, { params, cookie, contentType: c.contentType, body: bodyOf(c.body) });
    } catch (err) {
      failures.push({ index, request: request(), status: 0, response: String(err), why: "handler threw" });
      continue;
    }
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    const why = check(res);
    if (why)
      failures.push({ index, request: request(), status: res.status, response: res.text.slice(0, 300), why });
    if ((Object.prototype as Record<string, unknown>).polluted !== undefined) {
      failures.push({
        index,
        request,
        status: res.status,
        response: "",
        why: "Object.prototype was polluted",
      });
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    if (res.status < 300 && DESTRUCTIVE(method, route.template)) used = 20;
    if (index % 50 === 49) opts.onProgress?.(index + 1);
  }
  return {
    seed: opts.seed,
    cases: index + 1,
    routes: routes.map((r) => `${r.methods.join(",")} ${r.template}`),
    statuses,
    failures,
    healthAfter: await healthStatus(),
  };
}

async function healthStatus(): Promise<number> {
  const file = path.join(ROOT, "src/app/api/health/route.ts");
  const mod = (await import(pathToFileURL(file).href)) as { GET: () => Promise<Response> };
  return (await mod.GET()).status;
}
