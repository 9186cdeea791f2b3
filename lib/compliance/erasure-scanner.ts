import type pg from "pg";

// The plug-in contract of erasure discovery and verification. Every place that can hold a
// subject's data (events, snapshots, projection rows, archive segments) provides a scanner; the
// erasure workflow lists them in lib/compliance/erasure-scanners.ts and runs each one, so a new
// store of data joins discovery and the proof without changing the workflow.

/** A count of the subject's data in one place, for discovery ("events / customer / CustomerRegistered: 12"). */
export type SubjectHolding = { source: string; label: string; count: number; href?: string };

export type ScanProgress = (scanned: number, total: number | null) => void;

/** A place where plaintext of a known value was still found: must be empty after erasure. */
export type PlaintextHit = { source: string; where: string };

export type ErasureScanner = {
  /** "events", "snapshots", "projection rows", "archive segments". */
  source: string;
  /** Where the subject's data lives in this source. */
  discover(ctx: { db: pg.Pool; subjectId: string }): Promise<SubjectHolding[]>;
  /**
   * Counts the subject's PII envelopes in this source and how many of them still decrypt
   * (after execution: none must).
   */
  checkEnvelopes(ctx: { db: pg.Pool; subjectId: string; onProgress?: ScanProgress }): Promise<{ envelopes: number; decryptable: number }>;
  /** Searches this whole source for any of the plaintext values; reports how much it read. */
  scanPlaintext(ctx: { db: pg.Pool; needles: string[]; onProgress?: ScanProgress }): Promise<{ scanned: number; hits: PlaintextHit[] }>;
};
