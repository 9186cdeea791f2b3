import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "../errors";
import { recordDenial } from "../audit/record-denial";
import type { Actor } from "../audit/actor";
import type { Permission } from "./permissions";
import { getOptionalViewer, getViewer, viewerActor, type Viewer } from "./viewer";

export type Authorised = Viewer & { actor: Actor };

/**
 * For server actions: the signed-in viewer if their role has `permission`; otherwise a 401 or a
 * 403 AppError (the denial counted in the audit log). Call it first in every action.
 */
export async function requirePermission(permission: Permission): Promise<Authorised> {
  const viewer = await getOptionalViewer();
  if (!viewer) throw new AppError("unauthenticated", "your session has ended; sign in again");
  const actor = await viewerActor(viewer);
  if (!viewer.permissions.has(permission)) {
    await recordDenial(actor, permission, `action ${(await headers()).get("x-hindsight-path") ?? ""}`.trim());
    throw new AppError("forbidden", `your role (${viewer.role}) does not allow this`, { permission });
  }
  return { ...viewer, actor };
}

/**
 * For pages: the viewer if their role has `permission`; anonymous visitors go to sign-in and
 * others to /no-access (the denial counted in the audit log). Hiding a link is not enough.
 */
export async function requirePagePermission(permission: Permission): Promise<Authorised> {
  const viewer = await getViewer();
  const actor = await viewerActor(viewer);
  if (!viewer.permissions.has(permission)) {
    const path = (await headers()).get("x-hindsight-path") ?? "";
    await recordDenial(actor, permission, `page ${path}`);
    redirect(`/no-access?${new URLSearchParams({ page: path, need: permission })}`);
  }
  return { ...viewer, actor };
}
