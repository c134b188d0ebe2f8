import { SAMPLE_RATE } from "@/modules/core/captions/domain/audio";

/** Served from our own origin (the CSP allows worklets from self), see public/worklets. */
export const WORKLET_URL = "/worklets/pcm16-capture.js";

export type PcmCapture = { stop(): void };

/**
 * Microphone track → AudioContext at 16 kHz (the browser resamples) → the pcm16-capture worklet,
 * which posts 160 ms PCM16LE chunks. The track itself is left alone: LiveKit owns it.
 */
export async function startPcmCapture(
  track: MediaStreamTrack,
  onChunk: (chunk: ArrayBuffer) => void,
): Promise<PcmCapture> {
  const ctx = new AudioContext({ sampleRate: SAMPLE_RATE, latencyHint: "interactive" });
  try {
    await ctx.audioWorklet.addModule(WORKLET_URL);
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    const node = new AudioWorkletNode(ctx, "pcm16-capture", {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      channelCount: 1,
      channelCountMode: "explicit",
    });
    node.port.onmessage = (e: MessageEvent<ArrayBuffer>) => onChunk(e.data);
    // A silent path to the destination keeps the graph pulled in every browser.
    const mute = ctx.createGain();
    mute.gain.value = 0;
    source.connect(node).connect(mute).connect(ctx.destination);
    // Autoplay rules can start the context suspended; any later click resumes it.
    const resume = () => void ctx.resume();
    if (ctx.state === "suspended") {
      await Promise.race([ctx.resume(), new Promise((r) => setTimeout(r, 500))]);
      document.addEventListener("pointerdown", resume);
    }
    return {
      stop() {
        document.removeEventListener("pointerdown", resume);
        node.port.postMessage("stop");
        node.port.onmessage = null;
        source.disconnect();
        node.disconnect();
        void ctx.close();
      },
    };
  } catch (err) {
    void ctx.close();
    throw err;
  }
}
