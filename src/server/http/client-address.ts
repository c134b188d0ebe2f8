import dc from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import proxyaddr from "proxy-addr";
import { singleton } from "../singleton";

/**
 * Route handlers in Next get a Request without the socket, and `next start` only fills
 * X-Forwarded-For from the socket when the client did not send one. So every request is stamped
 * with its socket's address under this header as the HTTP server receives it, overwriting
 * anything a client sent under the same name.
 */
export const PEER_HEADER = "x-rooms-peer-address";

// Process-wide: the subscription outlives a dev-mode reload of this module.
const hook = () => singleton("peer-address-hook", () => ({ installed: false, warned: false }));

function stampPeer(message: unknown): void {
  const { request, socket } = message as { request: IncomingMessage; socket: Socket };
  request.headers[PEER_HEADER] = socket.remoteAddress ?? "";
}

/**
 * Subscribes to Node's `http.server.request.start` channel, which fires before the server's
 * request listener (Next) sees the request. Called from instrumentation at server start.
 */
export function installPeerAddressHook(): void {
  const state = hook();
  if (state.installed) return;
  dc.subscribe("http.server.request.start", stampPeer);
  state.installed = true;
}

export type ProxyTrust = { proxies?: readonly string[]; hops?: number };
export type TrustFn = (addr: string, hop: number) => boolean;

/** Which hops may speak for the client: configured proxy addresses/CIDRs, a hop count, or none. */
export function compileTrust(trust: ProxyTrust): TrustFn {
  if (trust.hops !== undefined) {
    const hops = trust.hops;
    return (_addr, hop) => hop < hops;
  }
  if (trust.proxies?.length) return proxyaddr.compile([...trust.proxies]);
  return () => false;
}

/**
 * The client's address: the socket peer, unless that peer is a trusted proxy, in which case the
 * X-Forwarded-For entries are walked from the right while they are trusted (proxy-addr, the
 * algorithm behind Express's `trust proxy`). Entries a client wrote itself are never reached.
 */
export function resolveClientAddress(peer: string, forwardedFor: string | null, trust: TrustFn): string {
  const req = {
    socket: { remoteAddress: peer },
    connection: { remoteAddress: peer },
    headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {},
  } as unknown as IncomingMessage;
  return proxyaddr(req, trust);
}

/** The client address of a route handler's request; "unknown" when no server stamped the peer. */
export function clientAddressOf(req: Request, trust: TrustFn, onMissingHook?: () => void): string {
  const state = hook();
  const peer = state.installed ? req.headers.get(PEER_HEADER) : null;
  if (!peer) {
    // Fail closed: without the hook the header could come from the client, so nobody gets a
    // bucket of their own.
    if (!state.installed && !state.warned) {
      state.warned = true;
      onMissingHook?.();
    }
    return "unknown";
  }
  return resolveClientAddress(peer, req.headers.get("x-forwarded-for"), trust);
}
