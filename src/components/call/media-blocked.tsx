"use client";

import { MediaDeviceFailure } from "livekit-client";
import type { CallbarText } from "@/i18n/messages/callbar";

/** Which of the two the browser refused (a single getUserMedia for both fails for both). */
export type Blocked = { audio: boolean; video: boolean };

export const NOT_BLOCKED: Blocked = { audio: false, video: false };

/** The browser (or the person, once) denied the permission, as opposed to a missing or busy device. */
export const isPermissionDenied = (err: unknown) =>
  MediaDeviceFailure.getFailure(err as Error) === MediaDeviceFailure.PermissionDenied;

/**
 * What to do when the browser blocks the camera or microphone: how to allow them again in the
 * browsers people use, and Retry, which asks the browser again (a prompt, or the new setting).
 */
export function MediaBlocked({
  blocked,
  onRetry,
  tone,
  t,
}: {
  blocked: Blocked;
  onRetry: () => void;
  tone: "light" | "dark";
  t: CallbarText;
}) {
  if (!blocked.audio && !blocked.video) return null;
  const what =
    blocked.audio && blocked.video ? t.blockedBoth : blocked.audio ? t.blockedMic : t.blockedCamera;
  const box =
    tone === "light"
      ? "bg-amber-50 text-amber-900 ring-amber-200"
      : "bg-zinc-800 text-zinc-100 ring-amber-400/40";
  return (
    <div role="alert" data-testid="media-blocked" className={`rounded-md px-3 py-2.5 text-sm ring-1 ${box}`}>
      <p className="font-medium">{what}</p>
      <p className="mt-1">{t.blockedHow}</p>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        <li>{t.blockedChrome}</li>
        <li>{t.blockedFirefox}</li>
        <li>{t.blockedSafari}</li>
      </ul>
      <p className="mt-1 opacity-80">{t.blockedSystem}</p>
      <button
        type="button"
        onClick={onRetry}
        className={`mt-2 inline-flex min-h-9 items-center rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 ${
          tone === "light"
            ? "bg-white text-zinc-900 ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50"
            : "bg-white text-zinc-900 hover:bg-zinc-200"
        }`}
      >
        {t.retry}
      </button>
    </div>
  );
}
