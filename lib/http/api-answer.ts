/** What a route's shared core answers, whichever transport (Next.js or node:http) sends it. */
export type ApiAnswer = { status: number; body: unknown; headers?: Record<string, string> };

/** A 200 (or `status`) JSON answer. */
export function ok(body: unknown, status = 200): ApiAnswer {
  return { status, body };
}
