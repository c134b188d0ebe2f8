import { readBodyBytes } from "@/server/http/body";
import { route } from "@/server/http/route";
import { ENVELOPE_LIMIT, forwardEnvelope } from "@/lib/monitoring/forward-envelope";
import { serverMonitoring } from "@/lib/monitoring/server";

/** The browser SDK's `tunnel`: envelopes reach Sentry through us (404 when monitoring is off). */
export const POST = route({ auth: false, user: "id" }, async ({ req }) => {
  const envelope = await readBodyBytes(req, ENVELOPE_LIMIT);
  const status = await forwardEnvelope(envelope, serverMonitoring());
  return new Response(null, { status: status >= 200 && status < 300 ? 200 : status === 429 ? 429 : 502 });
});
