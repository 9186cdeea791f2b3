import "server-only";
import type { PiiMode } from "../schema/pii";

/** The person looking at a page: who they are and how they may see personal data. */
export type Viewer = { id: string; label: string; pii: PiiMode };

/**
 * Who is viewing the console. Until sign-in lands everyone is the same anonymous operator and
 * sees PII masked; pages ask here (never hard-code "masked") so sign-in only changes this file.
 */
export async function getViewer(): Promise<Viewer> {
  return { id: "anonymous", label: "Anonymous", pii: "masked" };
}
