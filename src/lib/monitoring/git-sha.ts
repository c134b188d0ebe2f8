import { execFileSync } from "node:child_process";

/**
 * The checkout's commit for the release name; null without git or a repository. Asked of git
 * rather than read from .git, so the bundler does not trace the whole .git directory into the
 * server output. Called once, at start, and only when monitoring is on without SENTRY_RELEASE.
 */
export function gitSha(cwd: string = process.cwd()): string | null {
  try {
    const out = execFileSync("git", ["rev-parse", "HEAD"], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 2_000,
    }).trim();
    return /^[0-9a-f]{40}$/.test(out) ? out : null;
  } catch {
    return null;
  }
}
