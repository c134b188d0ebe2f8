/**
 * AudioWorklet processor: the microphone, already resampled to 16 kHz by its AudioContext, as
 * PCM16LE mono in 160 ms chunks (2,560 samples, 5,120 bytes) posted to the main thread, which
 * forwards them to the transcription socket. Served from the app's own origin (CSP: worklets from
 * self). Plain JavaScript because worklets load outside the bundler; unit-tested in Node.
 */
const SAMPLES_PER_CHUNK = 2560;

class Pcm16Chunker {
  constructor(samplesPerChunk) {
    this.samples = samplesPerChunk;
    this.buffer = new ArrayBuffer(samplesPerChunk * 2);
    this.view = new DataView(this.buffer);
    this.filled = 0;
  }

  /** Mixes the channels to mono, converts to 16-bit little-endian, returns every completed chunk. */
  push(channels) {
    const out = [];
    const first = channels[0];
    if (!first) return out;
    const count = channels.length;
    for (let i = 0; i < first.length; i++) {
      let sum = 0;
      for (let c = 0; c < count; c++) sum += channels[c][i];
      const s = Math.max(-1, Math.min(1, sum / count));
      this.view.setInt16(this.filled * 2, s < 0 ? Math.round(s * 0x8000) : Math.round(s * 0x7fff), true);
      this.filled += 1;
      if (this.filled === this.samples) {
        out.push(this.buffer);
        this.buffer = new ArrayBuffer(this.samples * 2);
        this.view = new DataView(this.buffer);
        this.filled = 0;
      }
    }
    return out;
  }

  /** Drops a partial chunk (after a pause or mute, stale audio must not be glued to fresh audio). */
  reset() {
    this.filled = 0;
  }
}

class Pcm16CaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.chunker = new Pcm16Chunker(SAMPLES_PER_CHUNK);
    this.active = true;
    this.port.onmessage = (event) => {
      if (event.data === "stop") this.active = false;
      else if (event.data === "reset") this.chunker.reset();
    };
  }

  process(inputs) {
    const input = inputs[0];
    if (input && input.length > 0) {
      for (const chunk of this.chunker.push(input)) this.port.postMessage(chunk, [chunk]);
    }
    return this.active;
  }
}

registerProcessor("pcm16-capture", Pcm16CaptureProcessor);
