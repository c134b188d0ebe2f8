"use client";

import { useId, useMemo } from "react";
import type { Messages } from "@/i18n/messages/en";
import { usePreference } from "../use-preference";
import {
  CAPTION_POSITIONS,
  CAPTION_SIZES,
  captionPositionPreference,
  captionSizePreference,
  type CaptionPosition,
  type CaptionSize,
} from "./caption-preferences";

type T = Messages["call"];

/**
 * Each size's type, how wide the captions may run and how many lines show at once. Medium is a
 * little larger than body text: captions are read at a glance, from further away than a page. On a
 * phone the two largest step down one notch (else Extra large would cover the whole picture), and
 * Extra large shows two lines, not three.
 */
export const CAPTION_SIZE_CLASS: Record<CaptionSize, { text: string; width: string; lines: number }> = {
  small: { text: "text-sm", width: "max-w-3xl", lines: 3 },
  medium: { text: "text-base sm:text-lg", width: "max-w-3xl", lines: 3 },
  large: { text: "text-xl sm:text-2xl", width: "max-w-4xl", lines: 3 },
  xlarge: { text: "text-2xl sm:text-4xl", width: "max-w-5xl", lines: 2 },
};

/**
 * The overlay's colours, in one place so that their contrast is checked (caption-display.test.ts):
 * every text colour must clear WCAG AA (4.5:1) on the panel over a white frame, the brightest a
 * video can be behind it.
 */
export const CAPTION_PANEL = "bg-black/80";
export const CAPTION_TEXT = {
  name: "text-indigo-200",
  final: "text-white",
  partial: "text-zinc-200",
  untranslated: "text-zinc-300",
} as const;

export const CAPTION_POSITION_CLASS: Record<CaptionPosition, string> = {
  // Above the tile's name bar and LiveKit's own tile controls.
  bottom: "bottom-14",
  top: "top-3",
};

/** How this person wants captions over the video, remembered per user (or guest) in this browser. */
export function useCaptionDisplay(identity: string) {
  const [size, setSize] = usePreference(useMemo(() => captionSizePreference(identity), [identity]));
  const [position, setPosition] = usePreference(
    useMemo(() => captionPositionPreference(identity), [identity]),
  );
  return { size, setSize, position, setPosition };
}

/** Size and position of the captions, in the call's settings (the Devices panel). */
export function CaptionDisplayForm(props: {
  size: CaptionSize;
  onSize: (next: CaptionSize) => void;
  position: CaptionPosition;
  onPosition: (next: CaptionPosition) => void;
  t: T;
}) {
  const ux = props.t.captions.ux;
  const id = useId();
  return (
    <section aria-labelledby={`${id}-captions`} className="space-y-3 border-t border-white/10 pt-4">
      <h3 id={`${id}-captions`} className="text-sm font-semibold text-white">
        {ux.settingsTitle}
      </h3>
      <Choices
        legend={ux.sizeLabel}
        options={CAPTION_SIZES.map((v) => [v, ux.sizes[v]] as const)}
        value={props.size}
        onChange={props.onSize}
      />
      <Choices
        legend={ux.positionLabel}
        options={CAPTION_POSITIONS.map((v) => [v, ux.positions[v]] as const)}
        value={props.position}
        onChange={props.onPosition}
      />
    </section>
  );
}

/** A radio group drawn as a row of buttons: arrow keys move the choice, as any radio group. */
function Choices<V extends string>(props: {
  legend: string;
  options: (readonly [V, string])[];
  value: V;
  onChange: (next: V) => void;
}) {
  const name = useId();
  return (
    <fieldset>
      <legend className="text-sm font-medium text-zinc-200">{props.legend}</legend>
      <div className="mt-1.5 flex flex-wrap gap-1.5">
        {props.options.map(([value, label]) => (
          <label
            key={value}
            className={
              "cursor-pointer rounded-md px-2.5 py-1.5 text-sm text-zinc-100 ring-1 ring-inset ring-white/15 " +
              "hover:bg-zinc-800 has-checked:bg-indigo-600 has-checked:text-white has-checked:ring-indigo-500 " +
              "has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-indigo-400"
            }
          >
            <input
              type="radio"
              name={name}
              value={value}
              checked={props.value === value}
              onChange={() => props.onChange(value)}
              className="sr-only"
            />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
