import { z } from "zod";

/** A one-line name or title people type: trimmed, not empty, bounded, no control characters. */
export const lineOfText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "must not contain control characters");
