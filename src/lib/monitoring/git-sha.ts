import { readFileSync } from "node:fs";
import path from "node:path";

/** The checkout's commit for the release name, read from .git without running git; null if none. */
export function gitSha(root: string = process.cwd()): string | null {
  try {
    const head = readFileSync(path.join(root, ".git", "HEAD"), "utf8").trim();
    if (!head.startsWith("ref: ")) return /^[0-9a-f]{40}$/.test(head) ? head : null;
    const ref = head.slice(5);
    try {
      return readFileSync(path.join(root, ".git", ref), "utf8").trim();
    } catch {
      const packed = readFileSync(path.join(root, ".git", "packed-refs"), "utf8");
      return (
        packed
          .split("\n")
          .find((l) => l.endsWith(` ${ref}`))
          ?.split(" ")[0] ?? null
      );
    }
  } catch {
    return null;
  }
}
