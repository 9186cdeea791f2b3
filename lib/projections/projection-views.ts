// What the Projections pages and /api/v1/projections show (JSON, client-safe: no server imports).

export type VersionStatus = "building" | "catching_up" | "live" | "previous" | "discarded" | "failed" | "parked";

export type PartitionProgress = {
  partition: number;
  hashFrom: number;
  hashTo: number;
  status: string;
  done: number;
  total: number;
  /** Events per second while it ran (pauses excluded). */
  rate: number | null;
  etaSeconds: number | null;
  elapsedSeconds: number | null;
  dispatches: number;
  error: string | null;
  errorEventId: string | null;
};

export type VersionView = {
  id: number;
  codeVersion: number;
  kind: "build" | "drill";
  status: VersionStatus;
  paused: boolean;
  partitions: PartitionProgress[];
  replayDone: number;
  replayTotal: number;
  /** Overall replay rate (sum of partitions) and ETA. */
  replayRate: number | null;
  etaSeconds: number | null;
  elapsedSeconds: number;
  position: { txId: string; globalPosition: number };
  eventsFollowed: number;
  followRate: number | null;
  lagEvents: number | null;
  lagSeconds: number | null;
  caughtUpAt: string | null;
  parked: { eventId: string; error: string; at: string; type: string | null; streamId: string | null } | null;
  skippedEvents: string[];
  error: string | null;
  createdBy: string;
  createdAt: string;
  promotedAt: string | null;
};

export type CodeVersionView = {
  version: number;
  title: string;
  changes: string;
  categories: string[];
  accepts: { type: string; versions: number[] }[];
  upcast: boolean;
  keyFromStreamIdOnly: boolean;
};

export type DrillView = {
  id: number; codeVersion: number; partitions: number; events: number | null; status: string; startedAt: string; finishedAt: string | null; seconds: number | null;
  /** The recovery-time objective it was measured against (scheduled drills), or null. */
  rtoSeconds: number | null;
  trigger: "manual" | "schedule";
};

export type ProjectionDetail = {
  name: string;
  title: string;
  liveVersionId: number | null;
  previousVersionId: number | null;
  code: CodeVersionView[];
  versions: VersionView[];
  drills: DrillView[];
};

export type ProjectionSummary = {
  name: string;
  title: string;
  categories: string[];
  live: { id: number; codeVersion: number; position: { txId: string; globalPosition: number }; lagEvents: number; lagSeconds: number; rate: number | null; eventsFollowed: number; parked: VersionView["parked"]; rows: number } | null;
  latestCodeVersion: number;
  /** Versions beside the live one (building, catching up, previous, failed). */
  others: { id: number; codeVersion: number; status: VersionStatus; kind: "build" | "drill" }[];
};
