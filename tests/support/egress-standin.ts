import { randomBytes } from "node:crypto";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { EgressInfo, EgressStatus, RoomCompositeEgressRequest, TokenVerifier } from "livekit-server-sdk";
import { inject } from "vitest";

/** What the stand-in knows of an egress; a test moves it on as Egress would (status, error, files). */
export type StartedEgress = {
  egressId: string;
  request: RoomCompositeEgressRequest;
  status: EgressStatus;
  /** The rest of its EgressInfo (protobuf fields: error, fileResults, startedAt/endedAt in ns). */
  info?: Omit<ConstructorParameters<typeof EgressInfo>[0] & object, "egressId" | "roomName" | "status">;
};

/**
 * A local stand-in for the LiveKit server's Egress Twirp API (LiveKit Egress cannot run on this
 * machine): `POST /twirp/livekit.Egress/StartRoomCompositeEgress`, `/StopEgress` and `/ListEgress`
 * (by `egressId`: Twirp `not_found` "egress does not exist" for an unknown one, as LiveKit answers
 * since it filters by id; else by `roomName`/`active`) with protobuf-JSON bodies, authorised as the real server does, by a Bearer JWT signed with the API
 * secret whose video grant has `roomRecord` (checked with livekit-server-sdk's TokenVerifier).
 * Errors are Twirp's `{code, msg}` JSON. Every other path is proxied to the real livekit-server,
 * so one URL serves the room API and Egress, as in production.
 */
export async function startEgressStandIn(opts: {
  apiKey: string;
  apiSecret: string;
  liveKitHttpUrl: string;
}) {
  const verifier = new TokenVerifier(opts.apiKey, opts.apiSecret);
  const egresses = new Map<string, StartedEgress>();
  const refused: { method: string; status: number; code: string }[] = [];
  /** The egress ids ListEgress was asked about, in order. */
  const listed: string[] = [];
  let failNextStart: string | null = null;
  let holdNextStart: Promise<void> | null = null;

  const twirpError = (res: ServerResponse, status: number, code: string, msg: string, method: string) => {
    refused.push({ method, status, code });
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ code, msg }));
  };

  async function egress(req: IncomingMessage, res: ServerResponse, method: string) {
    const auth = req.headers.authorization ?? "";
    let grants;
    try {
      grants = await verifier.verify(auth.replace(/^Bearer /, ""));
    } catch {
      return twirpError(res, 401, "unauthenticated", "invalid token", method);
    }
    if (!grants.video?.roomRecord)
      return twirpError(res, 403, "permission_denied", "permissions denied", method);
    const body = JSON.parse((await readBody(req)).toString("utf8") || "{}");
    if (method === "StartRoomCompositeEgress") {
      let request: RoomCompositeEgressRequest;
      try {
        request = RoomCompositeEgressRequest.fromJson(body);
      } catch (err) {
        return twirpError(res, 400, "malformed", (err as Error).message, method);
      }
      if (!request.roomName) return twirpError(res, 400, "invalid_argument", "room name is required", method);
      if (failNextStart) {
        const msg = failNextStart;
        failNextStart = null;
        return twirpError(res, 503, "unavailable", msg, method);
      }
      if (holdNextStart) {
        const hold = holdNextStart;
        holdNextStart = null;
        await hold;
      }
      const egressId = `EG_${randomBytes(6).toString("hex")}`;
      egresses.set(egressId, { egressId, request, status: EgressStatus.EGRESS_STARTING });
      return json(res, info(egressId));
    }
    if (method === "StopEgress") {
      const e = egresses.get(String(body.egressId ?? ""));
      if (!e) return twirpError(res, 404, "not_found", "egress not found", method);
      if (e.status >= EgressStatus.EGRESS_ENDING) {
        return twirpError(
          res,
          412,
          "failed_precondition",
          `egress with status ${EgressStatus[e.status]} cannot be stopped`,
          method,
        );
      }
      e.status = EgressStatus.EGRESS_ENDING;
      return json(res, info(e.egressId));
    }
    if (method === "ListEgress") {
      const egressId = String(body.egressId ?? body.egress_id ?? "");
      const active = (e: StartedEgress) => e.status < EgressStatus.EGRESS_COMPLETE;
      if (egressId) {
        listed.push(egressId);
        const e = egresses.get(egressId);
        if (!e) return twirpError(res, 404, "not_found", "egress does not exist", method);
        return json(res, { items: !body.active || active(e) ? [info(egressId)] : [] });
      }
      const roomName = String(body.roomName ?? body.room_name ?? "");
      const items = [...egresses.values()]
        .filter((e) => (!roomName || e.request.roomName === roomName) && (!body.active || active(e)))
        .map((e) => info(e.egressId));
      return json(res, { items });
    }
    return twirpError(res, 404, "bad_route", `no handler for ${method}`, method);
  }

  function info(egressId: string): Record<string, unknown> {
    const e = egresses.get(egressId)!;
    return new EgressInfo({
      ...e.info,
      egressId,
      roomName: e.request.roomName,
      status: e.status,
    }).toJson() as Record<string, unknown>;
  }

  const server = createServer((req, res) => {
    const m = /^\/twirp\/livekit\.Egress\/(\w+)$/.exec(req.url ?? "");
    if (m && req.method === "POST") {
      egress(req, res, m[1]!).catch((err) => twirpError(res, 500, "internal", String(err), m[1]!));
      return;
    }
    // Everything else (the room service) is the real server's.
    const target = new URL(req.url ?? "/", opts.liveKitHttpUrl);
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    egresses,
    refused,
    listed,
    /** The next start is refused with Twirp `unavailable` (no egress worker free). */
    failNextStart(msg = "no response from servers") {
      failNextStart = msg;
    },
    /** The next start is answered only once `until` resolves (a slow Egress). */
    holdNextStart(until: Promise<void>) {
      holdNextStart = until;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function json(res: ServerResponse, body: unknown) {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The stand-in in front of the test LiveKit server, and this test process's web env recording
 * through it (webEnv() reads the environment lazily), with `env` on top.
 */
export async function recordWithEgressStandIn(env: Record<string, string> = {}) {
  const lk = inject("livekit");
  const standIn = await startEgressStandIn({
    apiKey: lk.apiKey,
    apiSecret: lk.apiSecret,
    liveKitHttpUrl: lk.url.replace(/^ws/, "http"),
  });
  // These suites exercise recording state in many calls of one space at once; the caps (one
  // running recording per space by default) have their own test, recording-limits.test.ts.
  const generous = { RECORDER_MAX_PER_SPACE: "100", RECORDER_MAX_PER_USER: "100" };
  Object.assign(process.env, { RECORDER: "egress", LIVEKIT_API_URL: standIn.url, ...generous, ...env });
  return standIn;
}
