export const SESSION_STATUSES = ["CREATED", "LIVE", "ENDED"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export type VideoSessionSummary = {
  id: string;
  slug: string;
  title: string;
  status: SessionStatus;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  participantCount: number;
};
