"use client";

import { useState } from "react";
import type { Messages } from "@/i18n/messages/en";
import { recordingsApi } from "@/modules/core/recording/api/contract";
import { callApi } from "../use-api";
import type { ActiveRecording } from "./recording-state";

type Props = {
  slug: string;
  active: ActiveRecording | null;
  allowed: boolean;
  onChanged: () => Promise<void>;
  onError: (message: string) => void;
  className: string;
  t: Messages["recording"];
  errors: Messages["errors"];
};

/** Record / Stop for the host and the space's owners and admins; disabled, with why, when not allowed. */
export function RecordButton({ slug, active, allowed, onChanged, onError, className, t, errors }: Props) {
  const [pending, setPending] = useState(false);

  async function toggle() {
    setPending(true);
    const res = active
      ? await callApi(recordingsApi.stop, { params: { slug, id: active.id } }, errors)
      : await callApi(recordingsApi.start, { params: { slug }, json: {} }, errors);
    if (!res.ok) onError(res.message);
    await onChanged();
    setPending(false);
  }

  const stopping = pending || active?.stopRequested === true;
  const label = active ? t.stop : t.record;
  const reason = allowed ? label : t.notAllowed;
  return (
    <button
      type="button"
      onClick={() => void toggle()}
      disabled={!allowed || stopping}
      aria-pressed={active !== null}
      aria-label={reason}
      title={reason}
      data-testid="record-button"
      className={`${className} ${active ? "!bg-red-600 hover:!bg-red-500" : ""}`}
    >
      <span
        aria-hidden
        className={
          active ? "size-3 rounded-sm bg-white" : "size-3 rounded-full bg-red-500 ring-2 ring-white/70"
        }
      />
      <span className="hidden lg:inline">
        {stopping ? (active ? t.stopping : t.starting) : allowed ? label : t.notAllowedShort}
      </span>
    </button>
  );
}
