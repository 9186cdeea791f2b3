import "server-only";
import { archiveErasureScanner } from "../archive/erasure-scanner";
import { projectionRowsScanner } from "../projections/erasure-scanner";
import type { ErasureScanner } from "./erasure-scanner";
import { eventsScanner } from "./scanners/events-scanner";
import { snapshotsScanner } from "./scanners/snapshots-scanner";

/**
 * Every place a subject's data can live. Discovery runs each scanner's discover(), verification
 * its checkEnvelopes() and scanPlaintext(). A new place that holds subjects' data adds its scanner here.
 */
export const ERASURE_SCANNERS: ErasureScanner[] = [
  eventsScanner,
  snapshotsScanner,
  archiveErasureScanner,
  projectionRowsScanner,
];
