import type { Logger } from "pino";
import type { SttProvider } from "@/modules/core/captions/application/stt-provider";
import type { segmentSigner } from "@/modules/core/captions/infra/segment-signature";
import type { SegmentWriter } from "@/modules/core/captions/infra/segment-writer";
import type { Metrics } from "../ops/metrics";
import type { ReceivedRecorder } from "../ops/received-recorder";
import type { BudgetGuard } from "../services/budget-guard";
import type { SessionDirectory } from "../services/session-directory";
import type { UsageMeter } from "../services/usage-meter";
import type { Gating } from "../stream/vad/detectors";
import type { ParticipantStreams } from "./participant-streams";
import type { StreamOpenLimiter } from "./stream-opens";

/** What every connection of a server shares, built once by server.ts. */
export type ConnectionDeps = {
  secret: string;
  signer: ReturnType<typeof segmentSigner>;
  /** null: no provider can work here; clients are told why (`unavailableReason`). */
  provider: SttProvider | null;
  unavailableReason: string;
  directory: SessionDirectory;
  budget: BudgetGuard;
  writer: SegmentWriter;
  usage: UsageMeter;
  metrics: Metrics;
  log: Logger;
  /** null: every received second (not paused) goes to the provider; else the VAD aggressiveness. */
  gating: Gating | null;
  streamOpens: StreamOpenLimiter;
  streams: ParticipantStreams;
  /** Relay hook for benchmarks: frame receipt time (performance.now()) and the frame. */
  onRelay?(receivedAt: number, pcm: Buffer): void;
  /** Test-only copy of each stream's relayed audio (WS_RECORD_RECEIVED_DIR). */
  received?: ReceivedRecorder;
};
