import {
  BadRequestError,
  ForbiddenError,
  NotFoundError,
  ServiceUnavailableError,
} from "@/modules/core/shared/domain/errors";
import type { MonitoringConfig } from "./options";

/** The browser SDK's largest envelope is about 1 MB (attachments are not used). */
export const ENVELOPE_LIMIT = 1024 * 1024;
const UPSTREAM_TIMEOUT_MS = 10_000;

type Dsn = { origin: string; pathPrefix: string; publicKey: string; projectId: string };

function parseDsn(raw: unknown): Dsn | null {
  if (typeof raw !== "string") return null;
  try {
    const u = new URL(raw);
    const parts = u.pathname.split("/").filter(Boolean);
    const projectId = parts.pop();
    if (!/^https?:$/.test(u.protocol) || !u.username || !projectId) return null;
    const pathPrefix = parts.length ? `/${parts.join("/")}` : "";
    return { origin: u.origin, pathPrefix, publicKey: u.username, projectId };
  } catch {
    return null;
  }
}

/** The envelope's first line is a JSON header naming the DSN it is meant for. */
export function envelopeDsn(envelope: Uint8Array): string {
  const newline = envelope.indexOf(0x0a);
  const head = new TextDecoder().decode(newline === -1 ? envelope : envelope.subarray(0, newline));
  let header: unknown;
  try {
    header = JSON.parse(head);
  } catch {
    throw new BadRequestError("invalid_envelope", "Not a monitoring envelope.");
  }
  const dsn = (header as { dsn?: unknown } | null)?.dsn;
  if (typeof dsn !== "string") throw new BadRequestError("invalid_envelope", "Not a monitoring envelope.");
  return dsn;
}

/**
 * The browser's tunnel: pass an envelope on to the configured Sentry project only. An envelope
 * for any other DSN is refused, so the route is no open relay to arbitrary hosts.
 */
export async function forwardEnvelope(
  envelope: Uint8Array,
  config: MonitoringConfig | null,
  fetchImpl: typeof fetch = fetch,
): Promise<number> {
  if (!config) throw new NotFoundError("not_found", "Not found.");
  const configured = parseDsn(config.dsn);
  const requested = parseDsn(envelopeDsn(envelope));
  if (!requested) throw new BadRequestError("invalid_envelope", "Not a monitoring envelope.");
  if (
    !configured ||
    requested.origin !== configured.origin ||
    requested.pathPrefix !== configured.pathPrefix ||
    requested.publicKey !== configured.publicKey ||
    requested.projectId !== configured.projectId
  ) {
    throw new ForbiddenError("envelope_dsn_mismatch", "This envelope is not for this site's project.");
  }
  const target = `${configured.origin}${configured.pathPrefix}/api/${configured.projectId}/envelope/`;
  try {
    const res = await fetchImpl(target, {
      method: "POST",
      headers: { "Content-Type": "application/x-sentry-envelope" },
      body: envelope as BodyInit,
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
    await res.body?.cancel();
    return res.status;
  } catch (err) {
    throw new ServiceUnavailableError("monitoring_unavailable", "Monitoring is unreachable right now.", {
      cause: err,
    });
  }
}
