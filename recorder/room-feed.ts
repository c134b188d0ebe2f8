import {
  AudioStream,
  DisconnectReason,
  Room,
  RoomEvent,
  TrackKind,
  VideoBufferType,
  VideoStream,
  type RemoteTrack,
  type RemoteTrackPublication,
  type TrackPublication,
} from "@livekit/rtc-node";
import type { AudioMix } from "./audio-mix";
import type { I420Frame } from "./canvas";

/** A video track's newest picture; `fresh` until it has been drawn. */
export type VideoSlot = { frame: I420Frame | null; fresh: boolean; muted: boolean; order: number };

/**
 * The recorder's view of the call: joins the room (as a hidden participant, so nobody sees a
 * "recorder" tile), subscribes to every audio and video track, including those of people who join
 * later, feeds audio into the mix and keeps each video track's latest frame for the canvas.
 */
export class RoomFeed {
  readonly room = new Room();
  readonly video = new Map<string, VideoSlot>();
  private readonly closers = new Map<string, () => void>();
  private order = 0;
  /** Set once the room is gone (server closed it, we were removed, network lost for good). */
  disconnectReason: string | null = null;
  /** Bumped whenever the set of shown video tracks changes, so the canvas re-lays itself out. */
  layoutVersion = 0;

  constructor(
    private readonly mix: AudioMix,
    private readonly onDisconnected: (reason: string) => void,
  ) {
    this.room.on(RoomEvent.TrackSubscribed, (track, publication) => this.subscribe(track, publication));
    this.room.on(RoomEvent.TrackUnsubscribed, (_track, publication) => this.drop(publication.sid!));
    this.room.on(RoomEvent.TrackMuted, (publication) => this.setMuted(publication, true));
    this.room.on(RoomEvent.TrackUnmuted, (publication) => this.setMuted(publication, false));
    this.room.on(RoomEvent.Disconnected, (reason) => {
      this.disconnectReason = DisconnectReason[reason] ?? String(reason);
      this.onDisconnected(this.disconnectReason);
    });
  }

  async connect(url: string, token: string): Promise<void> {
    await this.room.connect(url, token, { autoSubscribe: true, dynacast: false });
  }

  /** Video tracks to show, in the order they arrived. */
  shownVideo(): VideoSlot[] {
    return [...this.video.values()].filter((s) => !s.muted && s.frame).sort((a, b) => a.order - b.order);
  }

  async close(): Promise<void> {
    for (const sid of [...this.closers.keys()]) this.drop(sid);
    if (!this.disconnectReason) await this.room.disconnect().catch(() => {});
  }

  private subscribe(track: RemoteTrack, publication: RemoteTrackPublication): void {
    const sid = publication.sid!;
    if (this.closers.has(sid)) return;
    if (track.kind === TrackKind.KIND_AUDIO) {
      // Mono at 48 kHz: the encoder's rate, so no resampling on our side.
      const stream = new AudioStream(track, { sampleRate: 48_000, numChannels: 1 });
      this.pump(sid, stream, (frame) => this.mix.push(sid, frame.data));
    } else if (track.kind === TrackKind.KIND_VIDEO) {
      const slot: VideoSlot = {
        frame: null,
        fresh: false,
        muted: publication.muted ?? false,
        order: this.order++,
      };
      this.video.set(sid, slot);
      const stream = new VideoStream(track);
      this.pump(sid, stream, ({ frame }) => {
        const i420 = frame.type === VideoBufferType.I420 ? frame : frame.convert(VideoBufferType.I420);
        const first = !slot.frame;
        slot.frame = { width: i420.width, height: i420.height, data: i420.data };
        slot.fresh = true;
        if (first) this.layoutVersion++;
      });
    }
  }

  private pump<T>(sid: string, stream: ReadableStream<T>, onItem: (item: T) => void): void {
    const reader = stream.getReader();
    let open = true;
    this.closers.set(sid, () => {
      open = false;
      reader.cancel().catch(() => {});
    });
    void (async () => {
      try {
        while (open) {
          const { done, value } = await reader.read();
          if (done) break;
          onItem(value);
        }
      } catch {
        // A stream torn down with its track ends here; the track's removal is handled by drop().
      } finally {
        if (open) this.drop(sid);
      }
    })();
  }

  private drop(sid: string): void {
    const close = this.closers.get(sid);
    this.closers.delete(sid);
    close?.();
    this.mix.remove(sid);
    if (this.video.delete(sid)) this.layoutVersion++;
  }

  private setMuted(publication: TrackPublication, muted: boolean): void {
    const slot = this.video.get(publication.sid!);
    if (slot && slot.muted !== muted) {
      slot.muted = muted;
      this.layoutVersion++;
    }
  }
}
