import { execFile } from "node:child_process";
import { promisify } from "node:util";

/**
 * Reads a recorded file with GStreamer's own tools, never a parser of ours: gst-discoverer-1.0
 * (gstreamer1.0-plugins-base-apps) for what the file is, gst-launch-1.0 to decode it.
 */
const run = promisify(execFile);

export type Discovered = { durationMs: number; video: boolean; audio: boolean; output: string };

export async function discover(file: string): Promise<Discovered> {
  const { stdout } = await run("gst-discoverer-1.0", [file], { timeout: 60_000 });
  const m = /Duration:\s*(\d+):(\d{2}):(\d{2})\.(\d+)/.exec(stdout);
  if (!m) throw new Error(`gst-discoverer-1.0 found no duration:\n${stdout}`);
  const seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(`0.${m[4]}`);
  return {
    durationMs: Math.round(seconds * 1000),
    video: /video #\d+: H\.264/.test(stdout),
    audio: /audio #\d+: Opus/.test(stdout),
    output: stdout,
  };
}

async function decode(file: string, branch: string[]): Promise<Buffer> {
  const { stdout } = await run(
    "gst-launch-1.0",
    ["-q", "filesrc", `location=${file}`, "!", "qtdemux", "name=d", "d.", ...branch, "!", "fdsink", "fd=1"],
    { encoding: "buffer", maxBuffer: 512 * 1024 * 1024, timeout: 120_000 },
  );
  return stdout;
}

/** RMS of the decoded audio (mono 16 kHz, 16-bit), over the whole file, in 16-bit units. */
export async function audioRms(file: string): Promise<number> {
  const pcm = await decode(file, [
    "!",
    "queue",
    "!",
    "opusdec",
    "!",
    "audioconvert",
    "!",
    "audioresample",
    "!",
    "audio/x-raw,format=S16LE,channels=1,rate=16000",
  ]);
  let sum = 0;
  const n = Math.floor(pcm.length / 2);
  for (let i = 0; i < n; i++) sum += pcm.readInt16LE(i * 2) ** 2;
  return n ? Math.sqrt(sum / n) : 0;
}

export const PROBE_W = 160;
export const PROBE_H = 90;

/** Every decoded video frame, scaled to 160×90 grey (one byte per pixel). */
export async function grayFrames(file: string): Promise<Buffer[]> {
  const raw = await decode(file, [
    "!",
    "queue",
    "!",
    "h264parse",
    "!",
    "avdec_h264",
    "!",
    "videoconvert",
    "!",
    "videoscale",
    "!",
    `video/x-raw,format=GRAY8,width=${PROBE_W},height=${PROBE_H}`,
  ]);
  const size = PROBE_W * PROBE_H;
  const frames: Buffer[] = [];
  for (let off = 0; off + size <= raw.length; off += size) frames.push(raw.subarray(off, off + size));
  return frames;
}

/** Mean luma (0–255) of one grey frame; video black is 16. */
export const meanLuma = (frame: Buffer) => frame.reduce((s, v) => s + v, 0) / frame.length;
