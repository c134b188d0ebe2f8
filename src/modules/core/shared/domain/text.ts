import { z } from "zod";

/**
 * Control (Cc), format (Cf: bidi overrides, zero-width joiners and spaces) and line/paragraph
 * separators (Zl, Zp): invisible or reordering, so a name could look like someone else's.
 */
const INVISIBLE_OR_REORDERING = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** A one-line name or title people type: trimmed, not empty, bounded, nothing invisible. */
export const lineOfText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine(
      (s) => !INVISIBLE_OR_REORDERING.test(s),
      "must not contain control, formatting or invisible characters",
    );
