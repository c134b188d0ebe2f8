import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { ERROR_CODES } from "../../src/modules/core/shared/domain/error-codes";
import { signInDev } from "../../src/modules/core/identity/application/sign-in-dev";
import { getDb } from "../../src/server/db";
import { bodyOf, sampleCases, schemaKeys, type ApiCase } from "./api-cases";
import { inProcess, type Sent, type Transport } from "./api-transport";

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

function find(routes: WriteRoute[], template: string): WriteRoute {
  const r = routes.find((x) => x.template === template);
  if (!r) throw new Error(`fuzz setup needs ${template}`);
  return r;
}

/** An owner with a space, a member, a session (not started: no recorder is spawned) and a task. */
async function makeContext(routes: WriteRoute[], transport: Transport): Promise<Context> {
  const [owner, member] = await Promise.all([makeCaller("Fuzz Owner"), makeCaller("Fuzz Member")]);
  const json = async (template: string, params: Record<string, string>, body: unknown, as = owner) => {
    const res = await transport.send(find(routes, template), "POST", {
      params,
      cookie: as.cookie,
      contentType: "application/json",
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`fuzz setup: POST ${template} answered ${res.status} ${res.text}`);
    return (res.text ? JSON.parse(res.text) : {}) as Record<string, { id: string; slug?: string }>;
  };
  const spaceId = (await json("/api/spaces", {}, { name: "Fuzz" })).space!.id;
  // Members come in by invitation only: the member accepts theirs; one more stays pending, so the
  // invitation routes are fuzzed against a real invitation.
  const invited = (await json("/api/spaces/[spaceId]/invitations", { spaceId }, { email: member.email }))
    .invitation!.id;
  await json("/api/invitations/[invitationId]/accept", { invitationId: invited }, {}, member);
  const invitationId = (
    await json(
      "/api/spaces/[spaceId]/invitations",
      { spaceId },
      { email: `pending-${randomUUID()}@fuzz.test` },
    )
  ).invitation!.id;
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
      invitationId,
      id: randomUUID(),
      nextauth: "callback/dev",
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
 * NextAuth's routes read cookies through Next's request scope, which only a running server has,
 * and answer in their own protocol (redirects, their JSON), not the error envelope.
 */
export const NEXTAUTH = /^\/api\/auth\//;
/** A body-less 2xx here changes who is in the space or whether it exists: start from a fresh one. */
const DESTRUCTIVE = (method: string, template: string) =>
  method === "DELETE" || /\/(end|leave)$/.test(template) || /members\/\[userId\]$/.test(template);

function check(template: string, res: Sent): string | null {
  if (res.status >= 500) return `status ${res.status}`;
  if (res.status < 400 || NEXTAUTH.test(template)) return null;
  // Next's own answer for a method the matched route does not export (a `..` in a param can land
  // on another route): an empty 405 no handler of ours can shape. Counted in the statuses.
  if (res.status === 405 && res.text === "") return null;
  // Node's HTTP server refuses a request line over its header limit (a 10,000-character param)
  // before the app sees it; and a path resolved out of /api is a page, whose 404 is HTML.
  if ((res.status === 431 && res.text === "") || res.api === false) return null;
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
  /** In-process by default; over HTTP to a running server with `overHttp`. */
  transport?: Transport;
  /** Called every so often with progress, for the by-hand script. */
  onProgress?: (done: number) => void;
}): Promise<ApiFuzzResult> {
  const transport = opts.transport ?? inProcess();
  const routes = (await writeRoutes()).filter((r) => transport.server || !NEXTAUTH.test(r.template));
  const cases = sampleCases(routes, schemaKeys(ROOT), opts.seed, opts.cases);
  const statuses: Record<number, number> = {};
  const failures: Failure[] = [];
  let ctx = await makeContext(routes, transport);
  const unknownId = randomUUID();
  let used = 0;
  let index = -1;
  for (const c of cases) {
    index++;
    // Fresh users every 20 cases keep the per-user rate limits (100/min) from answering everything.
    if (used >= 20) {
      ctx = await makeContext(routes, transport);
      used = 0;
    }
    used++;
    const route = routes[c.route]!;
    const method = route.methods[c.method]!;
    const params = Object.fromEntries(
      // A param this setup does not know (a new route's) gets a well-formed id of nothing.
      route.params.map((p) => [
        p.name,
        c.params.kind === "bad" ? c.params.value : (ctx.values[p.name] ?? unknownId),
      ]),
    );
    const cookie = c.caller === "anonymous" ? undefined : ctx[c.caller].cookie;
    // Built only for a failure: an oversized body is megabytes.
    const request = () => describe(route, method, c, params);
    let res: Sent;
    try {
      res = await transport.send(route, method, {
        params,
        cookie,
        contentType: c.contentType,
        body: bodyOf(c.body),
      });
    } catch (err) {
      failures.push({ index, request: request(), status: 0, response: String(err), why: "handler threw" });
      continue;
    }
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    const why = check(route.template, res);
    if (why)
      failures.push({ index, request: request(), status: res.status, response: res.text.slice(0, 300), why });
    if ((Object.prototype as Record<string, unknown>).polluted !== undefined) {
      failures.push({
        index,
        request: request(),
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
    healthAfter: await transport.health(),
  };
}
