import { z } from "zod";
import { preferenceKey, readPreference, writePreference, type Preference } from "../use-preference";

const mediaChoices = z.object({
  audioEnabled: z.boolean(),
  videoEnabled: z.boolean(),
  /** "" means the browser's default device. */
  audioDeviceId: z.string().max(512),
  videoDeviceId: z.string().max(512),
  audioOutputDeviceId: z.string().max(512),
});

export type MediaChoices = z.infer<typeof mediaChoices>;

export const DEFAULT_CHOICES: MediaChoices = {
  audioEnabled: true,
  videoEnabled: true,
  audioDeviceId: "",
  videoDeviceId: "",
  audioOutputDeviceId: "",
};

/**
 * Microphone and camera on or off and the devices, remembered in this browser as LiveKit Meet's
 * PreJoin does: chosen before joining or changed in the call, they are what the next join starts with.
 * A device that is gone by then falls back to the default (the select shows it, the browser picks it).
 */
export const MEDIA_CHOICES: Preference<MediaChoices> = {
  key: preferenceKey("media-choices", 1),
  schema: mediaChoices,
  fallback: DEFAULT_CHOICES,
};

/** One choice changed in the call (a toggle, a device): read afresh so it never undoes another. */
export function rememberMediaChoice(patch: Partial<MediaChoices>): void {
  writePreference(MEDIA_CHOICES, { ...readPreference(MEDIA_CHOICES), ...patch });
}

/** Which remembered field a device kind's choice goes to. */
export const DEVICE_FIELD = {
  audioinput: "audioDeviceId",
  videoinput: "videoDeviceId",
  audiooutput: "audioOutputDeviceId",
} as const satisfies Record<MediaDeviceKind, keyof MediaChoices>;
