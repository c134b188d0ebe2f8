import WebSocket from "ws";
import { CLOSE, type CloseKey } from "@/modules/core/captions/domain/close-codes";
import type { ServerMessage } from "@/modules/core/captions/domain/protocol";
import { SETTINGS } from "../settings";

/**
 * The wire side of one connection: messages out (bounded by what the client leaves unread), closes
 * with the documented codes, the keepalive, and pausing reads for backpressure. What the messages
 * mean is the connection's business.
 */
export class ClientSocket {
  private alive = true;
  private killTimer: NodeJS.Timeout | null = null;

  /** `slow`: the client left more than SETTINGS.maxOutgoingBytes unread; the message was not sent. */
  constructor(
    private readonly ws: WebSocket,
    private readonly slow: () => void,
  ) {
    ws.on("pong", () => (this.alive = true));
  }

  send(msg: ServerMessage) {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > SETTINGS.maxOutgoingBytes) return this.slow();
    this.ws.send(JSON.stringify(msg));
  }

  close(key: CloseKey) {
    const spec = CLOSE[key];
    this.ws.close(spec.code, spec.reason);
    // A client that never answers the close handshake (or never reads) is cut off.
    this.killTimer = setTimeout(() => this.ws.terminate(), 2_000);
    this.killTimer.unref();
  }

  /** Keepalive tick: false when the socket did not answer the previous ping (it is terminated). */
  ping(): boolean {
    if (!this.alive) {
      this.ws.terminate();
      return false;
    }
    // While reading is paused for backpressure, pongs cannot be read either.
    if (this.ws.isPaused) return true;
    this.alive = false;
    this.ws.ping();
    return true;
  }

  pauseReading() {
    this.ws.pause();
  }

  resumeReading() {
    // No pong could be read while paused: the next tick must not count that against the client.
    this.alive = true;
    this.ws.resume();
  }

  /** After the close: nothing left to cut off. */
  dispose() {
    if (this.killTimer) clearTimeout(this.killTimer);
  }
}
