import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Actor } from "../audit/actor";
import { AppError } from "../errors";
import { bearerToken, type Caller } from "../auth/caller";
import type { Permission } from "../auth/permissions";
import { cachedTokenCaller } from "../auth/token-cache";
import type { ApiAnswer } from "../http/api-answer";
import { errorAnswer, requirePermissionOf } from "../http/api-handler";
import type { FastHandler, FastRouteContext } from "./fast-route";
import { sendAnswer } from "./node-io";

export type FastCall = { req: IncomingMessage; res: ServerResponse; url: URL; params: string[]; caller: Caller; actor: Actor };

/**
 * A route on the node:http fast path for callers with `Authorization: Bearer`: the same token
 * check (cached per process, invalidated by NOTIFY), permission check with audited denials and
 * error shapes as the Next.js route. Requests without the header (browsers, with the session
 * cookie) are left to Next.js, so CSRF and session logic stay in one place.
 */
export function fastApiRoute(opts: {
  method: string;
  path: RegExp;
  permission: Permission;
  run: (call: FastCall) => Promise<ApiAnswer | "streaming">;
}): FastHandler {
  return async (req, res, ctx) => {
    if (req.method !== opts.method || req.headers.authorization === undefined) return false;
    const url = new URL(req.url ?? "/", "http://fast.local");
    const match = opts.path.exec(url.pathname);
    if (!match) return false;
    try {
      const params = match.slice(1).map(decodeParam);
      const caller = await fastCaller(req, ctx);
      const actor = actorFor(caller, req, ctx);
      await requirePermissionOf(caller, opts.permission, actor, `${req.method} ${url.pathname}`);
      const answer = await opts.run({ req, res, url, params, caller, actor });
      if (answer !== "streaming") sendAnswer(res, answer);
    } catch (e) {
      if (res.headersSent) res.destroy();
      else sendAnswer(res, errorAnswer(e));
    }
    return true;
  };
}

/** The caller of a fast-path request, from its bearer token. */
export async function fastCaller(req: IncomingMessage, ctx: FastRouteContext): Promise<Caller> {
  return cachedTokenCaller(bearerToken(req.headers.authorization ?? "", ctx.clientAddress), ctx.clientAddress);
}

function decodeParam(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    throw new AppError("bad_request", "the path is not valid percent-encoding");
  }
}

function actorFor(caller: Caller, req: IncomingMessage, ctx: FastRouteContext): Actor {
  const ua = req.headers["user-agent"];
  return { id: caller.id, label: caller.label, ip: ctx.clientAddress, userAgent: ua ? ua.slice(0, 500) : null };
}
