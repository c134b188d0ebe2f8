import { describe, expect, it } from "vitest";
import { Canvas, fitInto, gridLayout, type I420Frame } from "./canvas";

const solid = (width: number, height: number, y: number, u: number, v: number): I420Frame => {
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const data = new Uint8Array(width * height + 2 * cw * ch);
  data.fill(y, 0, width * height);
  data.fill(u, width * height, width * height + cw * ch);
  data.fill(v, width * height + cw * ch);
  return { width, height, data };
};

describe("gridLayout", () => {
  it("one tile fills the canvas; two sit side by side; three make a 2×2 grid with the last row centred", () => {
    expect(gridLayout(1, 1280, 720)).toEqual([{ x: 0, y: 0, width: 1280, height: 720 }]);
    expect(gridLayout(2, 1280, 720)).toEqual([
      { x: 0, y: 0, width: 640, height: 720 },
      { x: 640, y: 0, width: 640, height: 720 },
    ]);
    const three = gridLayout(3, 1280, 720);
    expect(three.map((t) => [t.x, t.y])).toEqual([
      [0, 0],
      [640, 0],
      [320, 360],
    ]);
  });

  it("keeps every tile inside the canvas with even coordinates, up to a large call", () => {
    for (let n = 1; n <= 25; n++) {
      for (const t of gridLayout(n, 1280, 720)) {
        expect(t.x + t.width).toBeLessThanOrEqual(1280);
        expect(t.y + t.height).toBeLessThanOrEqual(720);
        expect([t.x % 2, t.y % 2, t.width % 2, t.height % 2]).toEqual([0, 0, 0, 0]);
      }
    }
  });
});

describe("fitInto", () => {
  it("letterboxes a 16:9 picture in a tall tile and keeps its aspect ratio", () => {
    const r = fitInto(640, 360, { x: 0, y: 0, width: 640, height: 720 });
    expect(r).toEqual({ x: 0, y: 180, width: 640, height: 360 });
  });
});

describe("Canvas", () => {
  it("starts black and draws a scaled picture into its tile only", () => {
    const c = new Canvas(64, 36);
    expect(c.data[0]).toBe(16);
    c.draw(solid(320, 180, 200, 90, 240), { x: 32, y: 0, width: 32, height: 36 });
    const at = (x: number, y: number) => c.data[y * 64 + x];
    expect(at(0, 18)).toBe(16); // left half untouched
    expect(at(40, 18)).toBe(200); // inside the letterboxed picture
    expect(at(40, 1)).toBe(16); // the letterbox bar above it
    const u = (x: number, y: number) => c.data[64 * 36 + y * 32 + x];
    expect(u(20, 9)).toBe(90);
    expect(u(2, 9)).toBe(128);
  });

  it("handles odd source sizes (chroma planes rounded up)", () => {
    const c = new Canvas(32, 18);
    expect(() => c.draw(solid(33, 19, 180, 100, 100), { x: 0, y: 0, width: 32, height: 18 })).not.toThrow();
    expect(c.data[9 * 32 + 16]).toBe(180);
  });
});
