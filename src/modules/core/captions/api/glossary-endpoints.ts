import { parseJsonBody } from "@/server/http/body";
import { spaceParams } from "@/server/http/params";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { getGlossary } from "../application/get-glossary";
import { replaceGlossary } from "../application/replace-glossary";
import { captionsApi } from "./contract";

/** 300 terms of 60 characters, Cyrillic (2 bytes each) and JSON quoting: above the default 16 KB. */
const GLOSSARY_BODY_LIMIT = 64 * 1024;

export const getGlossaryEndpoint = route({ params: spaceParams }, async ({ user, params, deps }) =>
  reply(captionsApi.getGlossary, {
    glossary: await getGlossary(deps.db, { userId: user.id, spaceId: params.spaceId }),
  }),
);

export const replaceGlossaryEndpoint = route({ params: spaceParams }, async ({ req, user, params, deps }) => {
  const { terms } = await parseJsonBody(req, captionsApi.replaceGlossary.request, GLOSSARY_BODY_LIMIT);
  const glossary = await replaceGlossary(deps.db, { userId: user.id, spaceId: params.spaceId, terms });
  return reply(captionsApi.replaceGlossary, { glossary });
});
