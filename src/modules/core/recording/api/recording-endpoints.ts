import { NextResponse } from "next/server";
import { z } from "zod";
import { webEnv } from "@/lib/env/web";
import { getDb } from "@/server/db";
import { parseQuery } from "@/server/http/body";
import { readGuestId } from "@/server/http/guest-cookie";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { slugParams } from "@/modules/core/sessions/api/session-endpoints";
import { deleteRecording } from "../application/delete-recording";
import { getRecordingFile } from "../application/get-recording-file";
import { listSessionRecordings } from "../application/list-session-recordings";
import { startRecording } from "../application/start-recording";
import { stopRecording } from "../application/stop-recording";
import { recorderFromEnv, recordingStorageFromEnv } from "../infra/recorder-from-env";
import { recordingsApi } from "./contract";

const noStore = { "cache-control": "no-store" };
const recordingParams = slugParams.extend({ id: z.uuid() });

/** GET /api/sessions/[slug]/recordings: the session's recordings (state and file facts), newest first. */
export const listRecordingsEndpoint = route(
  { auth: false, params: slugParams },
  async ({ req, user, params }) => {
    const result = await listSessionRecordings(getDb(), {
      slug: params.slug,
      viewer: { user, guestId: readGuestId(req) },
    });
    return reply(recordingsApi.list, result, { headers: noStore });
  },
);

/** POST /api/sessions/[slug]/recordings: the host or a space owner/admin starts recording (201). */
export const startRecordingEndpoint = route({ params: slugParams }, async ({ req, user, params }) => {
  const env = webEnv();
  const deps = {
    recorder: recorderFromEnv(env, getDb()),
    limits: { perSpace: env.RECORDER_MAX_PER_SPACE, perUser: env.RECORDER_MAX_PER_USER },
  };
  const recording = await startRecording(getDb(), deps, {
    slug: params.slug,
    viewer: { user, guestId: readGuestId(req) },
  });
  return reply(recordingsApi.start, { recording }, { headers: noStore });
});

/** POST /api/sessions/[slug]/recordings/[id]/stop: asks the recorder to finish the file. */
export const stopRecordingEndpoint = route({ params: recordingParams }, async ({ req, user, params }) => {
  const recording = await stopRecording(getDb(), recorderFromEnv(webEnv(), getDb()), {
    slug: params.slug,
    recordingId: params.id,
    viewer: { user, guestId: readGuestId(req) },
  });
  return reply(recordingsApi.stop, { recording }, { headers: noStore });
});

/** DELETE /api/sessions/[slug]/recordings/[id]: the recording and its file (204). */
export const deleteRecordingEndpoint = route({ params: recordingParams }, async ({ req, user, params }) => {
  await deleteRecording(getDb(), recordingStorageFromEnv(webEnv()), {
    slug: params.slug,
    recordingId: params.id,
    viewer: { user, guestId: readGuestId(req) },
  });
  return new NextResponse(null, { status: 204 });
});

/** GET /api/sessions/[slug]/recordings/[id]/file[?download=1]: the file, with Range for seeking. */
export const recordingFileEndpoint = route(
  { auth: false, params: recordingParams },
  async ({ req, user, params }) => {
    const { download } = parseQuery(req, recordingsApi.file.query);
    const file = await getRecordingFile(getDb(), recordingStorageFromEnv(webEnv()), {
      slug: params.slug,
      recordingId: params.id,
      viewer: { user, guestId: readGuestId(req) },
      range: req.headers.get("range"),
      download: download === "1",
    });
    return new NextResponse(file.body, { status: file.status, headers: file.headers });
  },
);
