/**
 * The speech recognizers `npm run bench:stt` measures: PocketSphinx always, and each installed
 * Whisper model once the Whisper provider is in the code. Every engine is driven through the
 * SttProvider port, as the ws server drives it.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { SttProvider } from "../../src/modules/core/captions/application/stt-provider";
import {
  DEFAULT_LAG_BUDGET,
  createPocketSphinxProvider,
} from "../../src/modules/core/captions/infra/pocketsphinx-provider";

export type BenchEngine = {
  name: string;
  /** A string in its worker processes' command lines, to find them in /proc. */
  workerMarker: string;
  /** `realTime`: the ws server's lag budget; otherwise nothing is shed (throughput runs). */
  create(opts: { workers: number; realTime: boolean }): SttProvider;
};

/** Max-speed runs measure throughput: nothing may be shed. */
const UNBOUNDED = { targetMs: 3_600_000, boundMs: 3_600_000 };

const python = () =>
  execFileSync("bash", ["scripts/install-stt.sh", "--print-python"], { encoding: "utf8" }).trim();

function pocketSphinx(py: string): BenchEngine {
  return {
    name: "PocketSphinx 5.1.1",
    workerMarker: "pocketsphinx_worker.py",
    create: ({ workers, realTime }) =>
      createPocketSphinxProvider({
        python: py,
        workers,
        lag: realTime ? DEFAULT_LAG_BUDGET : UNBOUNDED,
        busyMs: 3_600_000,
        closeTimeoutMs: 600_000,
      }),
  };
}

const WHISPER_PROVIDER = "src/modules/core/captions/infra/whisper-provider.ts";

type WhisperModels = { english?: string; multilingual?: string };

/**
 * What this bench uses of the Whisper provider module (branch `whisper`), imported only when the
 * file exists so the bench runs on a checkout without it.
 */
type WhisperModule = {
  createWhisperProvider?: (opts: {
    python: string;
    models: WhisperModels;
    workers: number;
    lag: Partial<typeof DEFAULT_LAG_BUDGET>;
    busyMs: number;
    closeTimeoutMs: number;
  }) => SttProvider;
  findWhisperModels?: (modelsDir: string) => WhisperModels;
};

/** One engine per installed model ($DATA_DIR/models/whisper-<name>), each worker given that model alone. */
async function whisperEngines(py: string): Promise<BenchEngine[]> {
  if (!existsSync(WHISPER_PROVIDER)) return [];
  const mod = (await import(`../../${WHISPER_PROVIDER}`)) as WhisperModule;
  const { createWhisperProvider, findWhisperModels } = mod;
  if (!createWhisperProvider || !findWhisperModels) {
    console.error(
      `${WHISPER_PROVIDER} does not export createWhisperProvider and findWhisperModels: ` +
        "wire it in scripts/bench/stt-engines.ts",
    );
    return [];
  }
  const models = findWhisperModels(path.resolve(process.env.DATA_DIR ?? ".data", "models"));
  return (Object.entries(models) as [keyof WhisperModels, string][]).map(([kind, dir]) => ({
    name: `Whisper ${path.basename(dir).replace(/^whisper-/, "")}`,
    workerMarker: "whisper_worker.py",
    create: ({ workers, realTime }) =>
      createWhisperProvider({
        python: py,
        models: { [kind]: dir },
        workers,
        lag: realTime ? DEFAULT_LAG_BUDGET : UNBOUNDED,
        busyMs: 3_600_000,
        closeTimeoutMs: 600_000,
      }),
  }));
}

/** `only`: engine names (case-insensitive substrings) to keep, e.g. from `--engines=tiny`. */
export async function installedEngines(only?: string[]): Promise<BenchEngine[]> {
  const py = python();
  const all = [pocketSphinx(py), ...(await whisperEngines(py))];
  if (!only?.length) return all;
  return all.filter((e) => only.some((o) => e.name.toLowerCase().includes(o.toLowerCase())));
}
