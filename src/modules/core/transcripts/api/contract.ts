import { z } from "zod";
import { endpoint, isoDate } from "@/lib/http-contract";
import { EXPORT_FORMATS } from "../domain/transcript-export";
import { transcriptLanguage } from "../domain/transcript-language";

// Transcripts: the stored finals, their export and sharing.

/** One stored final as the call's transcript panel and the transcript page read it. */
export const storedSegment = z.strictObject({
  utteranceId: z.string(),
  text: z.string(),
  startMs: z.number().nullable(),
  endMs: z.number().nullable(),
  language: z.string().nullable(),
  /** LiveKit identity of the speaker, so the client can merge these with live captions. */
  speakerIdentity: z.string().nullable(),
  speakerName: z.string().nullable(),
  createdAt: isoDate,
  /** Stored translations of this final: language → text. */
  translations: z.record(z.string(), z.string()),
});
export type StoredSegment = z.infer<typeof storedSegment>;

const transcript = endpoint({
  method: "GET",
  path: "/api/sessions/[slug]/transcript",
  response: z.strictObject({ segments: z.array(storedSegment) }),
});
const transcriptExport = endpoint({
  method: "GET",
  path: "/api/sessions/[slug]/transcript/export",
  query: z.object({ format: z.enum(EXPORT_FORMATS), lang: transcriptLanguage.optional() }),
  response: z.unknown(),
});
const transcriptSharing = endpoint({
  method: "PATCH",
  path: "/api/sessions/[slug]/transcript/sharing",
  request: z.object({ shared: z.boolean() }).strict(),
  response: z.strictObject({ shared: z.boolean() }),
});

/** The stored transcript: read, export, share. */
export const transcriptsApi = { transcript, transcriptExport, transcriptSharing };
