/** An inclusive byte range of a file of known size, as HTTP Range/Content-Range count them. */
export type ByteRange = { start: number; end: number };

export type RangeAnswer =
  { kind: "full" } | { kind: "partial"; range: ByteRange } | { kind: "unsatisfiable" };

const SINGLE = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i;

/**
 * Reads a Range header (RFC 9110 §14.1.2) against a file of `size` bytes. Only one range is
 * served: a player seeking asks for one; a multi-range or malformed header gets the whole file,
 * which the RFC allows (a server may ignore Range).
 */
export function parseRange(header: string | null, size: number): RangeAnswer {
  if (!header) return { kind: "full" };
  const m = SINGLE.exec(header);
  if (!m) return { kind: "full" };
  const [, a, b] = m;
  if (a === "" && b === "") return { kind: "full" };
  if (a === "") {
    // "bytes=-N": the last N bytes.
    const n = Number(b);
    if (n === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", range: { start: Math.max(0, size - n), end: size - 1 } };
  }
  const start = Number(a);
  const end = b === "" ? size - 1 : Math.min(Number(b), size - 1);
  if (b !== "" && Number(b) < start) return { kind: "full" };
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", range: { start, end } };
}
