import type { SttStreamHandlers } from "@/modules/core/captions/application/stt-provider";
import { SETTINGS } from "../settings";
import { ProviderLink, type LinkOptions } from "./provider-link";
import { SpeechGate } from "./speech-gate";
import type { Gating } from "./vad/detectors";

/** A link with the gate from SETTINGS.gate and the provider's own policy (gating null: off). */
export async function openLink(
  o: Pick<
    LinkOptions,
    "provider" | "language" | "streamId" | "translateTo" | "vocabulary" | "onSent" | "onUnsent" | "log"
  > &
    SttStreamHandlers & { gating: Gating | null },
): Promise<ProviderLink> {
  const g = SETTINGS.gate;
  const gate = o.gating ? SpeechGate.create(await o.gating.detector(), g) : null;
  try {
    return await ProviderLink.open({
      ...o,
      gate,
      flushSilenceMs: gate ? o.provider.policy.flushSilenceMs : 0,
      idleCloseMs: gate ? o.provider.policy.idleCloseMs : null,
      maxHeldBytes: g.maxHeldBytes,
      quietMs: g.quietMs,
    });
  } catch (err) {
    gate?.dispose();
    throw err;
  }
}
