import { readFileSync, readdirSync } from "node:fs";
import type { Page } from "playwright-core";

/** For the recording e2e tests; the people themselves come from `callPeople` (call-people.ts). */

export async function joinCall(page: Page) {
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await page.getByRole("toolbar", { name: "Call controls" }).waitFor();
}

/** The red badge every participant sees while the recorder records. */
export const recordingIndicator = (page: Page) =>
  page.locator('[data-testid="recording-indicator"][data-status="RECORDING"]');

/**
 * The pid of the local recorder of one recording (the web server started it detached, with
 * `--recording <id>` in its arguments), or null: found by that unique id, never by name alone.
 */
export function recorderPid(recordingId: string): number | null {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
    } catch {
      continue; // gone meanwhile
    }
    const at = args.indexOf("--recording");
    if (at !== -1 && args[at + 1] === recordingId && args.some((a) => a.endsWith("recorder/main.ts")))
      return Number(entry);
  }
  return null;
}
