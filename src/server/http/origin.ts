import { ForbiddenError } from "@/modules/core/shared/domain/errors";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Refuses a state-changing request that a browser sent from another site (CSRF): by `Origin`
 * when present (any origin but the app's, including the opaque "null"), else by `Sec-Fetch-Site`.
 * Requests with neither come from non-browser clients, which carry no ambient cookies to abuse.
 */
export function checkOrigin(req: Request, appOrigin: string): void {
  if (!STATE_CHANGING.has(req.method)) return;
  const origin = req.headers.get("origin");
  const crossSite =
    origin !== null ? origin !== appOrigin : req.headers.get("sec-fetch-site") === "cross-site";
  if (crossSite) {
    throw new ForbiddenError("origin_mismatch", "This request came from another site and was refused.", {
      internal: `cross-site ${req.method} from origin ${origin ?? "(none, sec-fetch-site: cross-site)"}`,
    });
  }
}
