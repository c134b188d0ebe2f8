/**
 * The recording's picture: one fixed-size I420 frame that every video track is scaled into, in a
 * grid. Composed here rather than in GStreamer's compositor because a gst-launch pipeline is fixed
 * when it starts, while people join, leave and turn cameras on and off during the call; a fixed
 * canvas lets one raw video stream go to the encoder for the whole recording.
 */

/** One decoded picture in I420 (Y, then U, then V, no row padding). */
export type I420Frame = { width: number; height: number; data: Uint8Array };

const BLACK_Y = 16;
const BLACK_UV = 128;

export type Tile = { x: number; y: number; width: number; height: number };

const even = (n: number) => Math.max(2, Math.floor(n / 2) * 2);

/** Grid cells for `count` tiles on a `width`×`height` canvas: as square a grid as fits. */
export function gridLayout(count: number, width: number, height: number): Tile[] {
  if (count <= 0) return [];
  const cols = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / cols);
  const w = even(width / cols);
  const h = even(height / rows);
  const top = Math.floor((height - rows * h) / 4) * 2;
  const tiles: Tile[] = [];
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / cols);
    // A short last row is centred rather than left-aligned.
    const inRow = row === rows - 1 ? count - row * cols : cols;
    const left = Math.floor((width - inRow * w) / 4) * 2;
    tiles.push({ x: left + (i % cols) * w, y: top + row * h, width: w, height: h });
  }
  return tiles;
}

/** The largest rectangle of the source's aspect ratio inside `tile`, centred (even coordinates). */
export function fitInto(srcWidth: number, srcHeight: number, tile: Tile): Tile {
  const scale = Math.min(tile.width / srcWidth, tile.height / srcHeight);
  const width = Math.min(tile.width, even(srcWidth * scale));
  const height = Math.min(tile.height, even(srcHeight * scale));
  const x = tile.x + Math.floor((tile.width - width) / 4) * 2;
  const y = tile.y + Math.floor((tile.height - height) / 4) * 2;
  return { x, y, width, height };
}

export class Canvas {
  readonly width: number;
  readonly height: number;
  /** I420 bytes of the whole canvas; what is written to the encoder. */
  readonly data: Uint8Array;
  private readonly ySize: number;
  private readonly cSize: number;
  // Column lookup tables per (source width → destination width), reused across frames.
  private readonly xMaps = new Map<string, Int32Array>();

  constructor(width: number, height: number) {
    if (width % 2 || height % 2) throw new Error("canvas dimensions must be even");
    this.width = width;
    this.height = height;
    this.ySize = width * height;
    this.cSize = (width / 2) * (height / 2);
    this.data = new Uint8Array(this.ySize + 2 * this.cSize);
    this.clear();
  }

  clear(): void {
    this.data.fill(BLACK_Y, 0, this.ySize);
    this.data.fill(BLACK_UV, this.ySize);
  }

  /** Blacks out `tile`, then draws `frame` scaled (nearest neighbour) into it, aspect kept. */
  draw(frame: I420Frame, tile: Tile): void {
    this.fillRect(tile);
    const dst = fitInto(frame.width, frame.height, tile);
    const sw = frame.width;
    const sh = frame.height;
    const srcY = frame.data.subarray(0, sw * sh);
    const scw = Math.ceil(sw / 2);
    const sch = Math.ceil(sh / 2);
    const srcU = frame.data.subarray(sw * sh, sw * sh + scw * sch);
    const srcV = frame.data.subarray(sw * sh + scw * sch, sw * sh + 2 * scw * sch);
    this.scalePlane(srcY, sw, sh, this.data, this.width, dst.x, dst.y, dst.width, dst.height);
    const cw = this.width / 2;
    const dx = dst.x / 2;
    const dy = dst.y / 2;
    const uPlane = this.data.subarray(this.ySize, this.ySize + this.cSize);
    const vPlane = this.data.subarray(this.ySize + this.cSize);
    this.scalePlane(srcU, scw, sch, uPlane, cw, dx, dy, dst.width / 2, dst.height / 2);
    this.scalePlane(srcV, scw, sch, vPlane, cw, dx, dy, dst.width / 2, dst.height / 2);
  }

  fillRect(tile: Tile): void {
    for (let row = 0; row < tile.height; row++) {
      const start = (tile.y + row) * this.width + tile.x;
      this.data.fill(BLACK_Y, start, start + tile.width);
    }
    const cw = this.width / 2;
    for (let row = 0; row < tile.height / 2; row++) {
      const start = (tile.y / 2 + row) * cw + tile.x / 2;
      this.data.fill(BLACK_UV, this.ySize + start, this.ySize + start + tile.width / 2);
      this.data.fill(
        BLACK_UV,
        this.ySize + this.cSize + start,
        this.ySize + this.cSize + start + tile.width / 2,
      );
    }
  }

  private xMap(srcWidth: number, dstWidth: number): Int32Array {
    const key = `${srcWidth}:${dstWidth}`;
    let map = this.xMaps.get(key);
    if (!map) {
      map = new Int32Array(dstWidth);
      for (let x = 0; x < dstWidth; x++)
        map[x] = Math.min(srcWidth - 1, Math.floor((x * srcWidth) / dstWidth));
      this.xMaps.set(key, map);
    }
    return map;
  }

  private scalePlane(
    src: Uint8Array,
    sw: number,
    sh: number,
    dst: Uint8Array,
    dstStride: number,
    dx: number,
    dy: number,
    dw: number,
    dh: number,
  ): void {
    if (sw === dw && sh === dh) {
      for (let y = 0; y < dh; y++) dst.set(src.subarray(y * sw, y * sw + sw), (dy + y) * dstStride + dx);
      return;
    }
    const map = this.xMap(sw, dw);
    for (let y = 0; y < dh; y++) {
      const srcRow = Math.min(sh - 1, Math.floor((y * sh) / dh)) * sw;
      const dstRow = (dy + y) * dstStride + dx;
      for (let x = 0; x < dw; x++) dst[dstRow + x] = src[srcRow + map[x]!]!;
    }
  }
}
