"use server";

import { AppError } from "../errors";
import { actionResult, type ActionResult } from "../http/action-result";
import { signOutEverywhere } from "./sign-out-everywhere";
import { getOptionalViewer, viewerActor } from "./viewer";

/** "Sign out everywhere": anyone signed in may end all of their own sessions (audited). */
export async function signOutEverywhereAction(): Promise<ActionResult<{ ended: number }>> {
  return actionResult(async () => {
    const viewer = await getOptionalViewer();
    if (!viewer) throw new AppError("unauthenticated", "your session has ended; sign in again");
    const { ended } = await signOutEverywhere({ userId: viewer.id, email: viewer.email, actor: await viewerActor(viewer) });
    return { data: { ended }, message: `Ended ${ended} session(s)` };
  });
}
