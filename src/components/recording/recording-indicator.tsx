"use client";

import type { Messages } from "@/i18n/messages/en";

type T = Messages["recording"];

/**
 * The call header's recording badge, on every participant's screen: red only while the recorder
 * records; a grey "Starting recording" before that (red means recording).
 */
export function RecordingIndicator({ status, t }: { status: "STARTING" | "RECORDING"; t: T }) {
  const recording = status === "RECORDING";
  return (
    <p
      role="status"
      data-testid="recording-indicator"
      data-status={status}
      title={recording ? t.indicatorLabel : t.indicatorStarting}
      className={`flex shrink-0 items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-semibold uppercase tracking-wide shadow ${
        recording ? "bg-red-600 text-white" : "bg-zinc-700 text-zinc-100"
      }`}
    >
      <span
        aria-hidden
        className={
          recording
            ? "size-2 animate-pulse rounded-full bg-white"
            : "size-2 rounded-full border border-zinc-300"
        }
      />
      {recording ? t.indicator : t.indicatorStarting}
      {recording && <span className="sr-only">{t.indicatorLabel}</span>}
    </p>
  );
}

/** Announces a start or stop to everyone in the call; read out by screen readers too. */
export function RecordingToast({
  message,
  onClose,
  t,
}: {
  message: string | null;
  onClose: () => void;
  t: T;
}) {
  return (
    <div
      role="status"
      aria-live="polite"
      className={message ? "fixed left-1/2 top-16 z-30 -translate-x-1/2" : "sr-only"}
    >
      {message && (
        <div
          data-testid="recording-notice"
          className="flex max-w-md items-center gap-3 rounded-lg bg-zinc-800 px-4 py-2 text-sm text-white shadow-lg ring-1 ring-red-500/60"
        >
          <span aria-hidden className="size-2 shrink-0 rounded-full bg-red-500" />
          <p>{message}</p>
          <button
            type="button"
            onClick={onClose}
            aria-label={t.dismiss}
            className="rounded px-1.5 text-zinc-300 hover:bg-zinc-700"
          >
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
