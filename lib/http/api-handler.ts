import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError } from "zod";
import { AppError, isAppError } from "../errors";
import { recordDenial } from "../audit/record-denial";
import { actorOf, authenticate, type Caller } from "../auth/caller";
import type { Actor } from "../audit/actor";
import type { Permission } from "../auth/permissions";
import type { ApiAnswer } from "./api-answer";
import { crossSiteReason, SAFE_METHODS } from "../auth/same-origin";

export type HandlerContext<P> = { req: NextRequest; params: P; caller: Caller };

const DB_DOWN = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "57P01", "57P02", "57P03", "53300", "08000", "08001", "08003", "08006"]);

/**
 * Wraps every /api route handler: authenticates the caller (token or session), refuses
 * cross-site requests that ride on the session cookie, checks the permission on the server
 * (counting denials in the audit log), runs the handler and maps typed errors to
 * `{"error": {"code", "message", ...}}`. Every route is listed in lib/auth/route-registry.ts.
 */
export function apiHandler<P = Record<string, string>>(
  permission: Permission,
  handler: (ctx: HandlerContext<P>) => Promise<Response | object>,
) {
  return async (req: NextRequest, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      const caller = await authenticate(req);
      // Tokens are sent deliberately by their holder; only the cookie rides along cross-site.
      if (caller.kind === "user" && !SAFE_METHODS.has(req.method)) {
        const reason = crossSiteReason(req.headers, req.url);
        if (reason) {
          console.warn(`[auth] 403 cross_site_request: ${reason} (${req.method} ${new URL(req.url).pathname})`);
          throw new AppError("cross_site_request", "this request did not come from Hindsight's own pages; it was refused");
        }
      }
      await requirePermissionOf(caller, permission, actorOf(caller, req), `${req.method} ${new URL(req.url).pathname}`);
      const params = await ctx.params;
      const result = await handler({ req, params, caller });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/**
 * The permission check both transports (Next.js and the node:http fast path) make: a denial is
 * counted in the audit log (lib/audit/record-denial.ts) before the 403.
 */
export async function requirePermissionOf(caller: Caller, permission: Permission, actor: Actor, target: string): Promise<void> {
  if (caller.permissions.has(permission)) return;
  await recordDenial(actor, permission, target);
  throw new AppError("forbidden", `your ${caller.kind === "token" ? "token" : "role"} does not allow this (it needs the ${permission} permission)`, { permission });
}

/** The one place errors become HTTP responses. */
export function errorResponse(e: unknown): Response {
  return answerResponse(errorAnswer(e));
}

/** An answer as a Next.js response: JSON, never cached. */
export function answerResponse(answer: ApiAnswer): Response {
  return NextResponse.json(answer.body, { status: answer.status, headers: { "Cache-Control": "no-store", ...answer.headers } });
}

/** The one place errors become a status and an `{"error": {...}}` body, for either transport. */
export function errorAnswer(e: unknown): ApiAnswer {
  if (isAppError(e)) return jsonError(e.status, e.code, e.message, e.details);
  if (e instanceof ZodError) {
    const issues = e.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return jsonError(422, "validation_failed", "the request is not valid", { issues });
  }
  const code = (e as { code?: string })?.code;
  // Text PostgreSQL cannot hold (a NUL in a query parameter) is the caller's mistake, not ours.
  if (code === "22021" || code === "22P05") {
    return jsonError(422, "validation_failed", "the request contains text that cannot be stored or searched (a NUL character)", {});
  }
  if (code && DB_DOWN.has(code)) return jsonError(503, "database_unavailable", "the database is unreachable; try again shortly", {});
  if (e instanceof Error && /connect|terminat|Connection/i.test(e.message) && /timeout|ECONN|terminated/i.test(e.message)) {
    return jsonError(503, "database_unavailable", "the database is unreachable; try again shortly", {});
  }
  console.error("[api] unexpected error:", e);
  return jsonError(500, "internal_error", "something went wrong on our side; it has been logged", {});
}

function jsonError(status: number, code: string, message: string, details: Record<string, unknown>): ApiAnswer {
  const headers: Record<string, string> = {};
  if (status === 429) headers["Retry-After"] = String(details.retryAfter ?? 1);
  if (status === 503) headers["Retry-After"] = "5";
  return { status, body: { error: { code, message, ...details } }, headers };
}
