/**
 * The few variables a child process needs from its parent's environment to run at all (finding
 * executables, a home and temp dir, the locale), and nothing else: a child started by the web
 * process is given its configuration explicitly, never the web's whole environment.
 */
const INHERITED = ["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "TZ", "NODE_ENV"] as const;

export function inheritedEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of INHERITED) {
    const value = process.env[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
