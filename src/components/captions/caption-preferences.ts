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
