import type { ProviderTranscript } from "@/modules/core/captions/application/stt-provider";
import type { FinalSegment } from "@/modules/core/captions/domain/protocol";

/** A provider utterance id made unique within the session (for finals and their translations). */
export const utteranceIdOf = (streamId: string, providerId: string) => `${streamId}:${providerId}`;

/** A provider transcript in the protocol's shape; the utterance id is unique within the session. */
export function toSegment(streamId: string, t: ProviderTranscript): Omit<FinalSegment, "sig"> {
  return {
    utteranceId: utteranceIdOf(streamId, t.id),
    text: t.text,
    startMs: t.startMs === null ? null : Math.max(0, Math.round(t.startMs)),
    endMs: t.endMs === null ? null : Math.max(0, Math.round(t.endMs)),
    language: t.language,
    confidence: t.confidence === null ? null : Math.min(1, Math.max(0, t.confidence)),
  };
}
