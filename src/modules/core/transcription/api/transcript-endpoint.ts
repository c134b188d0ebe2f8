import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { readGuestId } from "@/lib/http/guest-cookie";
import { route } from "@/lib/http/route";
import { slugParams } from "@/modules/core/sessions/api/session-endpoints";
import { listTranscript } from "../application/list-transcript";

/** GET /api/sessions/[slug]/transcript: stored finals with speaker names, in order. */
export const transcriptEndpoint = route(
  { auth: false, params: slugParams },
  async ({ req, user, params }) => {
    const segments = await listTranscript(getDb(), {
      slug: params.slug,
      viewer: { user, guestId: readGuestId(req) },
    });
    return NextResponse.json({ segments }, { headers: { "cache-control": "no-store" } });
  },
);
