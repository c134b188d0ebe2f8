import PgBoss from "pg-boss";

export const ANALYSIS_QUEUE = "session-analysis";
/** pg-boss keeps its tables here, apart from the app's migrated `public` schema. */
export const PGBOSS_SCHEMA = "pgboss";

export type AnalysisJobData = { sessionId: string };

/** Retries and expiry of analysis jobs; the worker writes them onto the queue, so every job gets them. */
export type AnalysisJobPolicy = {
  retryLimit: number;
  retryDelaySeconds: number;
  /** A job whose worker died is retried this long after it started. */
  expireInSeconds: number;
};

export const DEFAULT_JOB_POLICY: AnalysisJobPolicy = {
  retryLimit: 3,
  retryDelaySeconds: 30,
  expireInSeconds: 15 * 60,
};

export type BossOptions = {
  /** Only workers supervise (expire dead jobs, archive); senders need only the tables. */
  supervise: boolean;
  maintenanceIntervalSeconds?: number;
  onError?: (err: Error) => void;
};

/** A started pg-boss on `connectionString`; start() creates or migrates its schema once, under a lock. */
export async function startBoss(connectionString: string, opts: BossOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    schema: PGBOSS_SCHEMA,
    max: 3,
    supervise: opts.supervise,
    schedule: false,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 60,
    application_name: "rooms-analysis",
  });
  // Without a listener an 'error' event (a dropped connection) would crash the process.
  boss.on("error", opts.onError ?? (() => {}));
  await boss.start();
  // Stately: one job waiting and one running per session at most, so ending twice queues one job.
  await boss.createQueue(ANALYSIS_QUEUE, { name: ANALYSIS_QUEUE, policy: "stately" });
  return boss;
}

/** Jobs take their retry and expiry settings from the queue when they are created. */
export async function applyJobPolicy(boss: PgBoss, policy: AnalysisJobPolicy): Promise<void> {
  await boss.updateQueue(ANALYSIS_QUEUE, {
    name: ANALYSIS_QUEUE,
    policy: "stately",
    retryLimit: policy.retryLimit,
    retryDelay: policy.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: policy.expireInSeconds,
  });
}

/** Null when a job for the session is already waiting: the singleton key is the session id. */
export function sendAnalysisJob(boss: PgBoss, sessionId: string): Promise<string | null> {
  return boss.send(ANALYSIS_QUEUE, { sessionId } satisfies AnalysisJobData, { singletonKey: sessionId });
}
