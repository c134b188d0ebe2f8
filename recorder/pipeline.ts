import { spawn, type ChildProcess } from "node:child_process";
import type { Writable } from "node:stream";
import { execFile } from "node:child_process";
import { promisify } from "node:util";

/**
 * The encoder: a `gst-launch-1.0` child reading the composed picture (raw I420) on fd 3 and the
 * mixed audio (S16LE mono) on fd 4, encoding H.264 (x264) and Opus into one MP4. rawvideoparse and
 * rawaudioparse stamp buffers by their position in the stream, and the recorder writes exactly
 * one clock's worth of frames and samples, so the file's timeline is the recorder's clock.
 * Closing both fds is end-of-stream: the muxer then writes its index and gst-launch exits 0.
 *
 * MP4 (not WebM) because browsers play H.264 + Opus in MP4 and seek in it without an index
 * rebuild; `faststart` puts the index first so playback starts before the whole file is fetched.
 */
export type PipelineSettings = {
  width: number;
  height: number;
  fps: number;
  sampleRate: number;
  videoKbps: number;
  audioBps: number;
};

export const MIME_TYPE = "video/mp4";
export const EXTENSION = "mp4";

/**
 * gst-launch's argument list: one token per argument (gst-launch treats each argument as one word,
 * so a path with spaces needs no quoting).
 */
export function pipelineArgs(s: PipelineSettings, outputPath: string, tempPath: string): string[] {
  const words = (line: string) => line.split(" ");
  return [
    ...words(`fdsrc fd=3 blocksize=${s.width * s.height * 1.5}`),
    ...words(`! rawvideoparse format=i420 width=${s.width} height=${s.height} framerate=${s.fps}/1`),
    // A thread per branch, so the two encoders can run on different cores.
    ...words(`! queue max-size-buffers=30 max-size-bytes=0 max-size-time=0`),
    // zerolatency: no lookahead or B-frames, so memory stays flat and EOS finishes at once.
    ...words(
      `! x264enc speed-preset=veryfast tune=zerolatency bitrate=${s.videoKbps} key-int-max=${s.fps * 2}`,
    ),
    ...words(`! video/x-h264,profile=high ! h264parse ! queue ! mp4mux name=mux faststart=true`),
    `faststart-file=${tempPath}`,
    ...words(`! filesink`),
    `location=${outputPath}`,
    ...words(`fdsrc fd=4 blocksize=${(s.sampleRate / 50) * 2}`),
    ...words(`! rawaudioparse format=pcm pcm-format=s16le sample-rate=${s.sampleRate} num-channels=1`),
    ...words(`! queue ! audioconvert ! opusenc bitrate=${s.audioBps} ! queue ! mux.`),
  ];
}

export class Pipeline {
  readonly child: ChildProcess;
  readonly video: Writable;
  readonly audio: Writable;
  /** Resolves with gst-launch's exit: code, signal and the last lines it printed. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
  private tail: string[] = [];

  constructor(
    settings: PipelineSettings,
    outputPath: string,
    tempPath: string,
    gstLaunch = "gst-launch-1.0",
  ) {
    this.child = spawn(gstLaunch, pipelineArgs(settings, outputPath, tempPath), {
      stdio: ["ignore", "pipe", "pipe", "pipe", "pipe"],
    });
    const keep = (chunk: Buffer) => {
      this.tail.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      if (this.tail.length > 20) this.tail.splice(0, this.tail.length - 20);
    };
    this.child.stdout!.on("data", keep);
    this.child.stderr!.on("data", keep);
    this.video = this.child.stdio[3] as Writable;
    this.audio = this.child.stdio[4] as Writable;
    // A broken pipe shows up as the child's exit, which is where failures are reported.
    this.video.on("error", () => {});
    this.audio.on("error", () => {});
    this.exited = new Promise((resolve) => {
      this.child.once("error", (err) => resolve({ code: null, signal: null, output: err.message }));
      this.child.once("exit", (code, signal) => resolve({ code, signal, output: this.tail.join("\n") }));
    });
  }

  /** Bytes written but not yet taken by gst: how far the encoder lags behind the clock. */
  get backlogBytes(): number {
    return this.video.writableLength + this.audio.writableLength;
  }

  /** End of stream on both inputs; resolves once gst-launch exits (or the deadline passes). */
  async finish(deadlineMs: number): Promise<{ ok: boolean; output: string }> {
    this.video.end();
    this.audio.end();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), deadlineMs)));
    const result = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    if (result === "timeout") {
      this.kill();
      return { ok: false, output: `the encoder did not finish within ${Math.round(deadlineMs / 1000)} s` };
    }
    return { ok: result.code === 0, output: result.output };
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }
}

const run = promisify(execFile);

/**
 * The finished file's duration as a media tool reads it (`gst-discoverer-1.0`, from
 * gstreamer1.0-plugins-base-apps); null when the tool is missing or cannot read the file.
 */
export async function probeDurationMs(
  file: string,
  discoverer = "gst-discoverer-1.0",
): Promise<number | null> {
  try {
    const { stdout } = await run(discoverer, [file], { timeout: 30_000 });
    return parseDiscovererDuration(stdout);
  } catch {
    return null;
  }
}

export function parseDiscovererDuration(output: string): number | null {
  const m = /Duration:\s*(\d+):(\d{2}):(\d{2})\.(\d+)/.exec(output);
  if (!m) return null;
  const [, h, min, s, frac] = m;
  const seconds = Number(h) * 3600 + Number(min) * 60 + Number(s) + Number(`0.${frac}`);
  return Math.round(seconds * 1000);
}
