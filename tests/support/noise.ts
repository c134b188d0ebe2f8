/**
 * Adds a low, deterministic noise floor (uniform white noise, peak `amplitude` of 32767) to PCM16LE:
 * a quiet room instead of digital silence, so a speech gate is tested on what microphones send.
 */
export function withNoiseFloor(pcm: Buffer, amplitude = 150, seed = 1): Buffer {
  const out = Buffer.alloc(pcm.length);
  let s = seed >>> 0 || 1;
  for (let i = 0; i + 1 < pcm.length; i += 2) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const n = Math.round(((s / 0xffffffff) * 2 - 1) * amplitude);
    out.writeInt16LE(Math.max(-32768, Math.min(32767, pcm.readInt16LE(i) + n)), i);
  }
  return out;
}
