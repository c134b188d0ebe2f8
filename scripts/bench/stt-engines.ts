/**
 * The speech recognizers `npm run bench:stt` measures: PocketSphinx always, and each installed
 * Whisper model once the Whisper provider is in the code. Every engine is driven through the
 * SttProvider port, as the ws server drives it.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { SttProvider } from "../../src/modules/core/transcription/application/stt-provider";
import {
  DEFAULT_LAG_BUDGET,
  createPocketSphinxProvider,
} from "../../src/modules/core/transcription/infra/pocketsphinx-provider";

export type BenchEngine = {
  name: string;
  /** A string in its worker processes' command lines, to find them in /proc. */
  workerMarker: string;
  /** `realTime`: the ws server's lag budget; otherwise nothing is shed (throughput runs). */
  create(opts: { workers: number; realTime: boolean }): SttProvider;
};

/** Max-speed runs measure throughput: nothing may be shed. */
const UNBOUNDED = { targetMs: 3_600_000, boundMs: 3_600_000 };

function pocketSphinx(): BenchEngine {
  const python = execFileSync("bash", ["scripts/install-stt.sh", "--print-python"], {
    encoding: "utf8",
  }).trim();
  return {
    name: "PocketSphinx 5.1.1",
    workerMarker: "pocketsphinx_worker.py",
    create: ({ workers, realTime }) =>
      createPocketSphinxProvider({
        python,
        workers,
        lag: realTime ? DEFAULT_LAG_BUDGET : UNBOUNDED,
        busyMs: 3_600_000,
        closeTimeoutMs: 600_000,
      }),
  };
}

const WHISPER_PROVIDER = "src/modules/core/transcription/infra/whisper-provider.ts";

/**
 * The contract this bench expects from the Whisper provider module: its factory and the models
 * `scripts/install-stt.sh` installed. When the module exists but differs, say so rather than guess.
 */
type WhisperModule = {
  createWhisperProvider?: (opts: Record<string, unknown>) => SttProvider;
  installedWhisperModels?: () => string[] | Promise<string[]>;
};

async function whisperEngines(): Promise<BenchEngine[]> {
  if (!existsSync(WHISPER_PROVIDER)) return [];
  const mod = (await import(`../../${WHISPER_PROVIDER}`)) as WhisperModule;
  const { createWhisperProvider, installedWhisperModels } = mod;
  if (!createWhisperProvider || !installedWhisperModels) {
    console.error(
      `${WHISPER_PROVIDER} exists but does not export createWhisperProvider and installedWhisperModels: ` +
        "wire it in scripts/bench/stt-engines.ts",
    );
    return [];
  }
  return (await installedWhisperModels()).map((model) => ({
    name: `Whisper ${model}`,
    workerMarker: "whisper",
    create: ({ workers, realTime }) =>
      createWhisperProvider({
        model,
        workers,
        lag: realTime ? DEFAULT_LAG_BUDGET : UNBOUNDED,
        busyMs: 3_600_000,
        closeTimeoutMs: 600_000,
      }),
  }));
}

/** `only`: engine names (case-insensitive substrings) to keep, e.g. from `--engines=tiny`. */
export async function installedEngines(only?: string[]): Promise<BenchEngine[]> {
  const all = [pocketSphinx(), ...(await whisperEngines())];
  if (!only?.length) return all;
  return all.filter((e) => only.some((o) => e.name.toLowerCase().includes(o.toLowerCase())));
}
