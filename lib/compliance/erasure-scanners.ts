import "server-only";
import { archiveErasureScanner } from "../archive/erasure-scanner";
import type { ErasureScanner } from "./erasure-scanner";
import { eventsScanner } from "./scanners/events-scanner";
import { snapshotsScanner } from "./scanners/snapshots-scanner";

/**
 * Every place a subject's data can live. Discovery runs each scanner's discover(), verification
 * its checkEnvelopes() and scanPlaintext(). Projections add theirs here.
 */
export const ERASURE_SCANNERS: ErasureScanner[] = [
  eventsScanner,
  snapshotsScanner,
  archiveErasureScanner,
];
