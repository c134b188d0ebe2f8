import { z } from "zod";
import { preferenceKey, type Preference } from "../use-preference";

/**
 * Per person (user or guest identity) in this browser, so two people sharing a computer keep their
 * own. The identity is known only once the room connects: until then the key is null.
 */
const legacyOnOff = (raw: string) => raw !== "off";

/** Captions over the video: shown unless this person turned them off. */
export function captionsVisiblePreference(identity: string): Preference<boolean> {
  return {
    key: identity ? preferenceKey("captions-visible", 1, identity) : null,
    schema: z.boolean(),
    fallback: true,
    legacy: { key: `rooms:captions-visible:${identity}`, read: legacyOnOff },
  };
}

/** The language this person reads captions in; null: Original. */
export function captionLanguagePreference(identity: string): Preference<string | null> {
  return {
    key: identity ? preferenceKey("caption-language", 1, identity) : null,
    schema: z.string().min(1).max(35).nullable(),
    fallback: null,
    legacy: { key: `rooms:caption-language:${identity}`, read: (raw) => raw || null },
  };
}

/** Echo cancellation, noise suppression and auto gain (voice-processing.tsx): per browser, on by default. */
export const VOICE_PROCESSING: Preference<boolean> = {
  key: preferenceKey("voice-processing", 1),
  schema: z.boolean(),
  fallback: true,
  legacy: { key: "rooms:voice-processing", read: legacyOnOff },
};

/** How large captions are over the video (caption-display.ts maps each to its type). */
export const CAPTION_SIZES = ["small", "medium", "large", "xlarge"] as const;
export type CaptionSize = (typeof CAPTION_SIZES)[number];

/** Where captions sit over the video: the bottom (as on TV), or the top when slides fill the bottom. */
export const CAPTION_POSITIONS = ["bottom", "top"] as const;
export type CaptionPosition = (typeof CAPTION_POSITIONS)[number];

export function captionSizePreference(identity: string): Preference<CaptionSize> {
  return {
    key: identity ? preferenceKey("caption-size", 1, identity) : null,
    schema: z.enum(CAPTION_SIZES),
    fallback: "medium",
  };
}

export function captionPositionPreference(identity: string): Preference<CaptionPosition> {
  return {
    key: identity ? preferenceKey("caption-position", 1, identity) : null,
    schema: z.enum(CAPTION_POSITIONS),
    fallback: "bottom",
  };
}
