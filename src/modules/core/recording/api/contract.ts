import { z } from "zod";
import { endpoint, noContent } from "@/lib/http-contract";
import { recordingView } from "../domain/recording-view";

const oneRecording = z.strictObject({ recording: recordingView });

/** Call recordings; the file itself (`…/file`, with Range) is a byte stream, not JSON. */
export const recordingsApi = {
  list: endpoint({
    method: "GET",
    path: "/api/sessions/[slug]/recordings",
    response: z.strictObject({
      recordings: z.array(recordingView),
      recordingAllowed: z.boolean(),
      canManage: z.boolean(),
    }),
  }),
  start: endpoint({
    method: "POST",
    path: "/api/sessions/[slug]/recordings",
    response: oneRecording,
    status: 201,
  }),
  stop: endpoint({
    method: "POST",
    path: "/api/sessions/[slug]/recordings/[id]/stop",
    response: oneRecording,
  }),
  delete: endpoint({
    method: "DELETE",
    path: "/api/sessions/[slug]/recordings/[id]",
    response: noContent,
    status: 204,
  }),
  file: endpoint({
    method: "GET",
    path: "/api/sessions/[slug]/recordings/[id]/file",
    query: z.object({ download: z.enum(["0", "1"]).optional() }),
    response: z.unknown(),
  }),
};
