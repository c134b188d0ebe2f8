import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import path from "node:path";

/**
 * Test-only (WS_RECORD_RECEIVED_DIR, off by default): keeps the audio each stream handed to its
 * recognizer (admitted by the rate limit, not paused; before the speech gate) as
 * `<dir>/<stream id>.pcm`, 16 kHz mono PCM16LE. The stress e2e runs the recognizer alone on it to
 * tell the words lost before the audio reached the server from those the server lost.
 */
export type ReceivedRecorder = {
  write(streamId: string, pcm: Buffer): void;
  /** Resolves once the stream's file is complete on disk. */
  end(streamId: string): Promise<void>;
};

export function createReceivedRecorder(dir: string): ReceivedRecorder {
  mkdirSync(dir, { recursive: true });
  const files = new Map<string, WriteStream>();
  return {
    write(streamId, pcm) {
      let file = files.get(streamId);
      if (!file) {
        file = createWriteStream(path.join(dir, `${streamId}.pcm`), { flags: "a" });
        files.set(streamId, file);
      }
      file.write(pcm);
    },
    end(streamId) {
      const file = files.get(streamId);
      files.delete(streamId);
      return new Promise((resolve) => (file ? file.end(resolve) : resolve()));
    },
  };
}
