import { NextResponse } from "next/server";
import { z } from "zod";
import { log } from "@/server/logger";
import { parseQuery } from "@/server/http/body";
import { readGuestId } from "@/server/http/guest-cookie";
import { reply } from "@/server/http/reply";
import { route } from "@/server/http/route";
import { slugParams } from "@/server/http/params";
import { deleteRecording } from "../application/delete-recording";
import { getRecordingFile } from "../application/get-recording-file";
import { listSessionRecordings } from "../application/list-session-recordings";
import { startRecording } from "../application/start-recording";
import { stopRecording } from "../application/stop-recording";
import { recordingsApi } from "./contract";

const noStore = { "cache-control": "no-store" };
const recordingParams = slugParams.extend({ id: z.uuid() });

/** GET /api/sessions/[slug]/recordings: the session's recordings (state and file facts), newest first. */
export const listRecordingsEndpoint = route(
  { auth: false, params: slugParams },
  async ({ req, user, params, deps }) => {
    const result = await listSessionRecordings(deps.db, {
      slug: params.slug,
      viewer: { user, guestId: readGuestId(req) },
    });
    return reply(recordingsApi.list, result, { headers: noStore });
  },
);

/** POST /api/sessions/[slug]/recordings: the host or a space owner/admin starts recording (201). */
export const startRecordingEndpoint = route({ params: slugParams }, async ({ req, user, params, deps }) => {
  const { env } = deps;
  const ports = {
    recorder: deps.recorder,
    limits: { perSpace: env.RECORDER_MAX_PER_SPACE, perUser: env.RECORDER_MAX_PER_USER },
    log: log(),
  };
  const recording = await startRecording(deps.db, ports, {
    slug: params.slug,
    viewer: { user, guestId: readGuestId(req) },
  });
  return reply(recordingsApi.start, { recording }, { headers: noStore });
});

/** POST /api/sessions/[slug]/recordings/[id]/stop: asks the recorder to finish the file. */
export const stopRecordingEndpoint = route(
  { params: recordingParams },
  async ({ req, user, params, deps }) => {
    const recording = await stopRecording(deps.db, deps.recorder, {
      slug: params.slug,
      recordingId: params.id,
      viewer: { user, guestId: readGuestId(req) },
    });
    return reply(recordingsApi.stop, { recording }, { headers: noStore });
  },
);

/** DELETE /api/sessions/[slug]/recordings/[id]: the recording and its file (204). */
export const deleteRecordingEndpoint = route(
  { params: recordingParams },
  async ({ req, user, params, deps }) => {
    await deleteRecording(deps.db, deps.recordings, {
      slug: params.slug,
      recordingId: params.id,
      viewer: { user, guestId: readGuestId(req) },
    });
    return new NextResponse(null, { status: 204 });
  },
);

/** GET /api/sessions/[slug]/recordings/[id]/file[?download=1]: the file, with Range for seeking. */
export const recordingFileEndpoint = route(
  { auth: false, params: recordingParams },
  async ({ req, user, params, deps }) => {
    const { download } = parseQuery(req, recordingsApi.file.query);
    const file = await getRecordingFile(deps.db, deps.recordings, {
      slug: params.slug,
      recordingId: params.id,
      viewer: { user, guestId: readGuestId(req) },
      range: req.headers.get("range"),
      download: download === "1",
    });
    return new NextResponse(file.body, { status: file.status, headers: file.headers });
  },
);
