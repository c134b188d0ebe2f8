import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import path from "node:path";
import { freePort } from "./next-server";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Built by scripts/install-test-deps.sh from its Go module; TOXIPROXY_SERVER overrides. */
export const TOXIPROXY_SERVER = process.env.TOXIPROXY_SERVER ?? path.join(ROOT, ".data/bin/toxiproxy-server");

export type Toxic = {
  name: string;
  type: "latency" | "reset_peer" | "timeout" | "bandwidth" | "slow_close" | "slicer" | "limit_data";
  /** upstream: client → server; downstream: server → client. */
  stream: "upstream" | "downstream";
  attributes: Record<string, number>;
};

export type Toxiproxy = {
  /** Proxies 127.0.0.1:<free port> to `upstream` (host:port); resolves to the listen port. */
  proxy(name: string, upstream: string): Promise<number>;
  addToxic(proxy: string, toxic: Toxic): Promise<void>;
  removeToxic(proxy: string, toxic: string): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Shopify's Toxiproxy (a TCP proxy that injects network faults) on a free loopback port, driven by
 * its HTTP API (https://github.com/Shopify/toxiproxy#http-api).
 */
export async function startToxiproxy(): Promise<Toxiproxy> {
  if (!existsSync(TOXIPROXY_SERVER)) {
    throw new Error(`${TOXIPROXY_SERVER} is missing: bash scripts/install-test-deps.sh builds it`);
  }
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  const child = spawn(TOXIPROXY_SERVER, ["-host", "127.0.0.1", "-port", String(port)], {
    stdio: "ignore",
  });
  const exited = once(child, "exit");
  const call = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${api}${route}`, {
      method,
      headers: body ? { "content-type": "application/json" } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`toxiproxy ${method} ${route}: ${res.status} ${text}`);
    return text;
  };
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`toxiproxy-server exited with ${child.exitCode}`);
    try {
      await call("GET", "/version");
      break;
    } catch (err) {
      if (attempt >= 100) {
        child.kill("SIGTERM");
        throw err;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    async proxy(name, upstream) {
      const listen = await freePort();
      await call("POST", "/proxies", { name, listen: `127.0.0.1:${listen}`, upstream, enabled: true });
      return listen;
    },
    async addToxic(proxy, toxic) {
      await call("POST", `/proxies/${proxy}/toxics`, { ...toxic, toxicity: 1 });
    },
    async removeToxic(proxy, toxic) {
      await call("DELETE", `/proxies/${proxy}/toxics/${toxic}`);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * Holds everything a proxy's clients send for `ms` (a `latency` toxic far longer than that), then
 * removes it so the held bytes go at once: a network stall, then the burst. (Toxiproxy's `timeout`
 * toxic drops the data and `bandwidth` 0 is unlimited, so neither is a stall.)
 */
export async function stallUpstream(t: Toxiproxy, proxy: string, ms: number) {
  const at = Date.now();
  const latency = Math.max(60_000, 2 * ms);
  await t.addToxic(proxy, { name: "stall", type: "latency", stream: "upstream", attributes: { latency } });
  await new Promise((r) => setTimeout(r, ms));
  await t.removeToxic(proxy, "stall");
  return { at, end: Date.now() };
}

/** Resets (TCP RST) a proxy's every connection, new ones too, until `done` settles; when it began. */
export async function resetUntil(t: Toxiproxy, proxy: string, done: () => Promise<unknown>) {
  const at = Date.now();
  await t.addToxic(proxy, {
    name: "reset",
    type: "reset_peer",
    stream: "upstream",
    attributes: { timeout: 0 },
  });
  try {
    await done();
  } finally {
    await t.removeToxic(proxy, "reset");
  }
  return at;
}

/** Removes the faults above where a failed run may have left them. */
export const clearFaults = (t: Toxiproxy, proxy: string) =>
  Promise.all(["stall", "reset"].map((name) => t.removeToxic(proxy, name).catch(() => {})));
