import http from "node:http";
import { describe, expect, it, vi } from "vitest";
import {
  PEER_HEADER,
  clientAddressOf,
  compileTrust,
  installPeerAddressHook,
  resolveClientAddress,
} from "./client-address";

const none = compileTrust({});

describe("resolveClientAddress", () => {
  it("uses the socket peer and ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(resolveClientAddress("198.51.100.9", null, none)).toBe("198.51.100.9");
    expect(resolveClientAddress("198.51.100.9", "1.2.3.4", none)).toBe("198.51.100.9");
    expect(resolveClientAddress("198.51.100.9", "1.2.3.4, 5.6.7.8", none)).toBe("198.51.100.9");
  });

  it("takes the client entry from trusted proxies, never a client-written one", () => {
    const trust = compileTrust({ proxies: ["127.0.0.1", "10.0.0.0/8"] });
    expect(resolveClientAddress("127.0.0.1", "203.0.113.7", trust)).toBe("203.0.113.7");
    // The client prepended a fake entry; the proxy appended what it saw.
    expect(resolveClientAddress("127.0.0.1", "6.6.6.6, 203.0.113.7", trust)).toBe("203.0.113.7");
    // Two trusted hops (10.1.2.3 forwarded to 127.0.0.1).
    expect(resolveClientAddress("127.0.0.1", "6.6.6.6, 203.0.113.7, 10.1.2.3", trust)).toBe("203.0.113.7");
    // A peer that is not a trusted proxy speaks for itself.
    expect(resolveClientAddress("198.51.100.9", "203.0.113.7", trust)).toBe("198.51.100.9");
    expect(resolveClientAddress("::ffff:127.0.0.1", "203.0.113.7", trust)).toBe("203.0.113.7");
  });

  it("counts hops when TRUSTED_PROXY_HOPS is used", () => {
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.7", compileTrust({ hops: 1 }))).toBe(
      "203.0.113.7",
    );
    expect(
      resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.1", compileTrust({ hops: 2 })),
    ).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6", compileTrust({ hops: 0 }))).toBe("10.0.0.2");
  });
});

describe("the peer address hook", () => {
  it("fails closed before the hook is installed: a client-sent peer header is not believed", () => {
    const warn = vi.fn();
    const req = new Request("http://x/", { headers: { [PEER_HEADER]: "203.0.113.7" } });
    expect(clientAddressOf(req, none, warn)).toBe("unknown");
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("stamps the socket address over whatever the client sent", async () => {
    installPeerAddressHook();
    installPeerAddressHook(); // idempotent
    const seen: (string | string[] | undefined)[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.headers[PEER_HEADER]);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    try {
      await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: "203.0.113.7" } });
      await fetch(`http://127.0.0.1:${port}/`);
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(seen).toEqual(["127.0.0.1", "127.0.0.1"]);
    const req = new Request("http://x/", {
      headers: { [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "203.0.113.7" },
    });
    expect(clientAddressOf(req, none)).toBe("127.0.0.1");
    expect(clientAddressOf(req, compileTrust({ proxies: ["127.0.0.1"] }))).toBe("203.0.113.7");
  });
});
