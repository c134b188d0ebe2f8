import { z } from "zod";
import { endpoint, isoDate } from "@/lib/http-contract";
import { glossaryResponse, replaceGlossaryBody } from "../domain/glossary";

// Captions: the token for the ws server (the socket's own messages are domain/protocol.ts).

const captionsToken = endpoint({
  method: "POST",
  path: "/api/sessions/[slug]/transcription/token",
  response: z.strictObject({
    token: z.string(),
    url: z.string(),
    urls: z.array(z.string()),
    expiresAt: isoDate,
  }),
});

/** Live captions over HTTP: the ws token and the space's glossary. */
export const captionsApi = {
  captionsToken,
  getGlossary: endpoint({
    method: "GET",
    path: "/api/spaces/[spaceId]/glossary",
    response: glossaryResponse.strict(),
  }),
  replaceGlossary: endpoint({
    method: "PUT",
    path: "/api/spaces/[spaceId]/glossary",
    request: replaceGlossaryBody,
    response: glossaryResponse.strict(),
  }),
};
