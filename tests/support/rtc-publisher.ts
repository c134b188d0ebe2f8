import {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  LocalVideoTrack,
  Room,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
} from "@livekit/rtc-node";
import { AccessToken } from "livekit-server-sdk";
import { readWav } from "./speech";

/**
 * A server-side call participant for recorder tests and benchmarks: joins a LiveKit room with
 * `@livekit/rtc-node` and publishes a speech WAV (looped, real-time) as its microphone and a
 * moving colour pattern as its camera. Nothing here is mocked: the media goes through the real SFU.
 */
export type Publisher = { identity: string; room: Room; stop(): Promise<void> };

export type PublisherOptions = {
  livekit: { url: string; apiKey: string; apiSecret: string };
  roomName: string;
  identity: string;
  /** 16-bit PCM WAV, mono or stereo (first channel used); looped. Omit for a silent participant. */
  wavPath?: string;
  video?: { width: number; height: number; fps: number; hue: number } | null;
};

export async function startPublisher(o: PublisherOptions): Promise<Publisher> {
  const at = new AccessToken(o.livekit.apiKey, o.livekit.apiSecret, { identity: o.identity, ttl: 600 });
  at.addGrant({ room: o.roomName, roomJoin: true, canPublish: true, canSubscribe: false });
  const room = new Room();
  await room.connect(o.livekit.url, await at.toJwt(), { autoSubscribe: false, dynacast: false });
  let running = true;
  const loops: Promise<void>[] = [];
  const closers: (() => Promise<void>)[] = [];

  if (o.wavPath) {
    const wav = readWav(o.wavPath);
    const source = new AudioSource(wav.sampleRate, 1);
    const track = LocalAudioTrack.createAudioTrack("mic", source);
    await room.localParticipant!.publishTrack(
      track,
      new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
    );
    const samples = new Int16Array(wav.pcm.length / 2 / wav.channels);
    for (let i = 0; i < samples.length; i++) samples[i] = wav.pcm.readInt16LE(i * 2 * wav.channels);
    const per = wav.sampleRate / 100;
    loops.push(
      (async () => {
        for (let pos = 0; running; pos = (pos + per) % (samples.length - per)) {
          const frame = new AudioFrame(samples.slice(pos, pos + per), wav.sampleRate, 1, per);
          // Resolves as the source's queue drains: the audio goes out in real time.
          await source.captureFrame(frame);
        }
      })(),
    );
    closers.push(() => source.close());
  }

  if (o.video) {
    const { width, height, fps, hue } = o.video;
    const source = new VideoSource(width, height);
    const track = LocalVideoTrack.createVideoTrack("camera", source);
    await room.localParticipant!.publishTrack(
      track,
      new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA }),
    );
    const started = Date.now();
    // A second's worth of pictures, drawn once and cycled: drawing costs more than sending.
    const frames: VideoFrame[] = [];
    let n = 0;
    const tick = setInterval(() => {
      if (!running) return;
      const i = n++ % fps;
      frames[i] ??= pattern(width, height, hue, i * Math.ceil(width / 8 / fps));
      source.captureFrame(frames[i], BigInt((Date.now() - started) * 1000));
    }, 1000 / fps);
    closers.push(async () => {
      clearInterval(tick);
      await source.close();
    });
  }

  return {
    identity: o.identity,
    room,
    async stop() {
      running = false;
      for (const close of closers) await close().catch(() => {});
      await Promise.allSettled(loops);
      await room.disconnect().catch(() => {});
    },
  };
}

/** A bright, moving RGBA picture: colour bands of the given hue with a bar sweeping across. */
function pattern(width: number, height: number, hue: number, n: number): VideoFrame {
  const data = new Uint8Array(width * height * 4);
  const [r, g, b] = hueToRgb(hue);
  const bar = (n * 8) % width;
  for (let y = 0; y < height; y++) {
    const shade = 0.5 + (0.5 * y) / height;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const lit = Math.abs(x - bar) < 20 ? 1 : shade;
      data[i] = r * lit;
      data[i + 1] = g * lit;
      data[i + 2] = b * lit;
      data[i + 3] = 255;
    }
  }
  return new VideoFrame(data, width, height, VideoBufferType.RGBA);
}

function hueToRgb(hue: number): [number, number, number] {
  const h = ((hue % 360) + 360) % 360;
  const f = (n: number) => {
    const k = (n + h / 60) % 6;
    return 255 * (1 - Math.max(0, Math.min(k, 4 - k, 1)));
  };
  return [f(5), f(3), f(1)];
}
