import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { Actor } from "../audit/actor";
import type { PiiMode } from "../schema/pii";
import { permissionsOf, type Permission, type Role } from "./permissions";
import { requestMeta } from "./request-meta";
import { checkSession, type SessionCheck } from "./session";

/** The signed-in person looking at a page or calling a server action. */
export type Viewer = {
  id: string;
  email: string;
  name: string;
  /** What the audit log and the user menu show. */
  label: string;
  role: Role;
  permissions: Set<Permission>;
  pii: PiiMode;
};

// Once per request: the layout, the page and its panels all ask.
const currentSession = cache(async (): Promise<SessionCheck> => checkSession(await cookies()));

/** The viewer, or null when nobody (valid) is signed in. */
export async function getOptionalViewer(): Promise<Viewer | null> {
  const session = await currentSession();
  if (!session.ok) return null;
  const { user } = session;
  const permissions = permissionsOf(user.role);
  return { id: user.id, email: user.email, name: user.name, label: user.name || user.email, role: user.role, permissions, pii: permissions.has("pii.read") ? "clear" : "masked" };
}

/**
 * The signed-in viewer; anyone else goes to the sign-in page (told that their session ended when
 * they had one). The same check as the API's: the users row decides, on every request.
 */
export async function getViewer(): Promise<Viewer> {
  const viewer = await getOptionalViewer();
  if (viewer) return viewer;
  const session = await currentSession();
  const path = (await headers()).get("x-hindsight-path") ?? "/";
  const params = new URLSearchParams({ callbackUrl: path });
  if (!session.ok && session.reason !== "none") params.set("reason", "expired");
  redirect(`/sign-in?${params}`);
}

/** The viewer as the audit log records them, with the request's address and user agent. */
export async function viewerActor(viewer: Viewer): Promise<Actor> {
  return { id: viewer.id, label: viewer.email, ...requestMeta(await headers()) };
}
