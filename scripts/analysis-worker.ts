/**
 * The session-analysis worker on its own: `node --import tsx scripts/analysis-worker.ts`. The web
 * process runs one too (src/instrumentation.ts); any number may run, pg-boss hands each job to one.
 */
import fs from "node:fs";
import path from "node:path";
import { runAnalysisWorkerProcess } from "../src/modules/core/analysis/infra/analysis-worker-from-env";

process.chdir(path.resolve(import.meta.dirname, ".."));
if (fs.existsSync(".env")) process.loadEnvFile(".env");

await runAnalysisWorkerProcess();
