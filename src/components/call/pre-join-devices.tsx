"use client";

import { useMediaDevices, useTrackVolume } from "@livekit/components-react";
import type { LocalAudioTrack } from "livekit-client";
import { useId } from "react";
import { labelClass, selectClass } from "../ui";

// The pre-join's device rows: an on/off switch and the device, and the microphone's level.

export function DeviceField(props: {
  kind: "audioinput" | "videoinput";
  label: string;
  toggleLabel: string;
  enabled: boolean;
  deviceId: string;
  defaultLabel: string;
  onToggle: () => void;
  onDevice: (id: string) => void;
}) {
  const id = useId();
  // "default" is Chrome's alias for whatever the system default is; the empty option covers it.
  const devices = useMediaDevices({ kind: props.kind }).filter((d) => d.deviceId && d.deviceId !== "default");
  return (
    <div className="space-y-1.5">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className={labelClass}>
          {props.label}
        </label>
        <button
          type="button"
          role="switch"
          aria-checked={props.enabled}
          aria-label={props.toggleLabel}
          onClick={props.onToggle}
          className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors ${props.enabled ? "bg-indigo-600" : "bg-zinc-300"}`}
        >
          <span
            aria-hidden
            className={`inline-block size-5 rounded-full bg-white shadow transition-transform ${props.enabled ? "translate-x-5.5" : "translate-x-0.5"}`}
          />
        </button>
      </div>
      <select
        id={id}
        value={props.deviceId}
        disabled={!props.enabled}
        onChange={(e) => props.onDevice(e.target.value)}
        className={`${selectClass} disabled:bg-zinc-50 disabled:text-zinc-400`}
      >
        <option value="">{props.defaultLabel}</option>
        {devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || `${props.label} ${i + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}

export function MicLevel({ track, label }: { track: LocalAudioTrack; label: string }) {
  const volume = useTrackVolume(track);
  const percent = Math.min(100, Math.round(volume * 400));
  return (
    <div className="flex items-center gap-3">
      <span className="text-xs font-medium text-zinc-600">{label}</span>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-1.5 flex-1 overflow-hidden rounded-full bg-zinc-200"
      >
        <div
          className="h-full rounded-full bg-emerald-500 transition-[width]"
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
