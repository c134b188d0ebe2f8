import type { Logger } from "pino";
import { SETTINGS } from "../../settings";
import { CascadeVad } from "./cascade-vad";
import { SileroVad, sileroLoader } from "./silero-vad";
import type { VadEngine, VoiceDetector } from "./voice-detector";
import { WebRtcVad, fvadLoader } from "./webrtc-vad";

/** What configuration says about the gate (STT_GATING, STT_VAD_MODE, STT_VAD). */
export type GatingConfig = { vadMode: number; engine?: VadEngine };

/** The gate as a server runs it: a fresh detector per stream, on models loaded once per process. */
export type Gating = { readonly engine: VadEngine; detector(): Promise<VoiceDetector> };

/**
 * With `silero`, a stream gets WebRTC's VAD with Silero behind it. If the Silero model cannot be
 * loaded, the gate falls back to WebRTC's VAD alone (logged once, `engine` says so): captions go
 * on, with today's billing of tones and music, rather than stopping.
 */
export function gatingFor(config: GatingConfig, log: Logger): Gating {
  const fvad = fvadLoader();
  const silero = (config.engine ?? SETTINGS.gate.engine) === "silero" ? sileroLoader() : null;
  const { frameMs, minVoicedShare, sileroThreshold } = SETTINGS.gate;
  let engine: VadEngine = silero ? "silero" : "webrtc";
  return {
    get engine() {
      return engine;
    },
    async detector() {
      const webrtc = await WebRtcVad.create(fvad, config.vadMode, frameMs);
      if (!silero || engine === "webrtc") return webrtc;
      try {
        return new CascadeVad(webrtc, await SileroVad.create(silero, sileroThreshold), minVoicedShare);
      } catch (err) {
        engine = "webrtc";
        log.error({ err }, "Silero VAD did not load: gating on WebRTC's VAD alone");
        return webrtc;
      }
    },
  };
}
