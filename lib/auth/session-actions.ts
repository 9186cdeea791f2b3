"use server";

import { actionResult, type ActionResult } from "../http/action-result";
import { requirePermission } from "./require-permission";
import { signOutEverywhere } from "./sign-out-everywhere";

/** "Sign out everywhere": anyone who can see the console may end all of their own sessions (audited). */
export async function signOutEverywhereAction(): Promise<ActionResult<{ ended: number }>> {
  return actionResult(async () => {
    const user = await requirePermission("events.read");
    const { ended } = await signOutEverywhere({ userId: user.id, email: user.email, actor: user.actor });
    return { data: { ended }, message: `Ended ${ended} session(s)` };
  });
}
