import { NotFoundError } from "@/modules/core/shared/domain/errors";
import { route } from "./route";

/**
 * `src/app/api/[...path]`: an API path no route serves is a 404 in the error envelope (with the
 * rate limit of any other request), not Next's HTML not-found page.
 */
export const unknownApiEndpoint = route({ auth: false, user: "id" }, async () => {
  throw new NotFoundError("not_found", "Not found.");
});
