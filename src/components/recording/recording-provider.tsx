"use client";

import { createContext, useContext, type ReactNode } from "react";
import { RecordButton } from "./record-button";
import { RecordingIndicator, RecordingToast } from "./recording-indicator";
import { useCallRecording, type CallRecordingProps } from "./use-call-recording";

type CallRecording = ReturnType<typeof useCallRecording> & CallRecordingProps;

const RecordingContext = createContext<CallRecording | null>(null);

/** The call's recording for everything inside it (inside LiveKitRoom: it needs the room). */
export function RecordingProvider({ children, ...props }: CallRecordingProps & { children: ReactNode }) {
  const recording = useCallRecording(props);
  return <RecordingContext.Provider value={{ ...props, ...recording }}>{children}</RecordingContext.Provider>;
}

function useRecording(): CallRecording {
  const recording = useContext(RecordingContext);
  if (!recording) throw new Error("a recording component is used outside RecordingProvider");
  return recording;
}

/** The red indicator, on every screen while a recording runs. */
export function CallRecordingIndicator() {
  const { active, t } = useRecording();
  return active ? <RecordingIndicator status={active.status} t={t} /> : null;
}

/** "Recording started / stopped / failed", to everyone. */
export function CallRecordingToast() {
  const { notice, setNotice, t } = useRecording();
  return <RecordingToast message={notice} onClose={() => setNotice(null)} t={t} />;
}

/** Record / Stop, for whoever may record (nothing for anyone else). */
export function CallRecordControl({ className }: { className: string }) {
  const r = useRecording();
  if (!r.canRecord) return null;
  return (
    <RecordButton
      slug={r.slug}
      active={r.active}
      allowed={r.allowed}
      onChanged={r.changed}
      onError={r.setNotice}
      className={className}
      t={r.t}
      errors={r.errors}
    />
  );
}
