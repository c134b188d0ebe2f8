import contentDisposition from "content-disposition";
import { NextResponse } from "next/server";
import { parseJsonBody, parseQuery } from "@/server/http/body";
import { readGuestId } from "@/server/http/guest-cookie";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { slugParams } from "@/server/http/params";
import { exportTranscript } from "../application/export-transcript";
import { listTranscript } from "../application/list-transcript";
import { shareTranscript } from "../application/share-transcript";
import { transcriptsApi } from "./contract";

/** GET /api/sessions/[slug]/transcript: stored finals with speaker names and translations, in order. */
export const transcriptEndpoint = route(
  { auth: false, params: slugParams },
  async ({ req, user, params, deps }) => {
    const segments = await listTranscript(deps.db, {
      slug: params.slug,
      viewer: { user, guestId: readGuestId(req) },
    });
    return reply(transcriptsApi.transcript, { segments }, { headers: { "cache-control": "no-store" } });
  },
);

/**
 * GET /api/sessions/[slug]/transcript/export?format=txt|vtt|srt|json|md[&lang=ru]: the whole
 * transcript as a file, in a stored translation when `lang` is given.
 */
export const transcriptExportEndpoint = route(
  { auth: false, params: slugParams },
  async ({ req, user, params, deps }) => {
    const { format, lang } = parseQuery(req, transcriptsApi.transcriptExport.query);
    const file = await exportTranscript(deps.db, {
      slug: params.slug,
      viewer: { user, guestId: readGuestId(req) },
      format,
      language: lang,
    });
    return new NextResponse(file.body, {
      headers: {
        "content-type": file.contentType,
        // RFC 6266: `filename*` carries the UTF-8 name (RFC 5987), `filename` the ASCII fallback.
        "content-disposition": contentDisposition(file.filename, { fallback: file.fallback }),
        "cache-control": "no-store",
      },
    });
  },
);

/** PATCH /api/sessions/[slug]/transcript/sharing {shared}: the host opens the transcript to the space. */
export const transcriptSharingEndpoint = route(
  { params: slugParams },
  async ({ req, user, params, deps }) => {
    const { shared } = await parseJsonBody(req, transcriptsApi.transcriptSharing.request);
    const result = await shareTranscript(deps.db, {
      slug: params.slug,
      viewer: { user, guestId: readGuestId(req) },
      shared,
    });
    return reply(transcriptsApi.transcriptSharing, result);
  },
);
