import type { ExportFormat } from "./transcript-export";

/** Characters no file system or browser takes in a name, control characters included. */
const UNSAFE = /[\p{Cc}\p{Cf}<>:"/\\|?*]+/gu;
const MAX_TITLE = 80;

/**
 * A download's name, from what people call the session: `Weekly sync 2026-12-05.vtt` (with
 * `.ru` before the extension for a translation: players pick a subtitle's language by it). The
 * title is cleaned of what file systems refuse and cut to 80 characters; the date is the day
 * the session started (UTC, as the server has no reader's zone). `fallback` is the same in
 * ASCII for old clients that ignore `filename*` (RFC 6266): the slug stands in for a title
 * that is not ASCII.
 */
export function exportFilename(input: {
  title: string;
  slug: string;
  startedAt: Date;
  language: string | null;
  format: ExportFormat;
}): { filename: string; fallback: string } {
  const cleaned = [
    ...input.title
      .replace(UNSAFE, " ")
      .replace(/\s+/g, " ")
      .trim()
      .replace(/^[.\s]+|[.\s]+$/g, ""),
  ]
    .slice(0, MAX_TITLE)
    .join("")
    .trim();
  const title = cleaned || "transcript";
  const tail = `${input.startedAt.toISOString().slice(0, 10)}${input.language ? `.${input.language}` : ""}.${input.format}`;
  const filename = `${title} ${tail}`;
  const ascii = /^[\x20-\x7e]*$/.test(title);
  return { filename, fallback: ascii ? filename : `transcript-${input.slug} ${tail}` };
}
