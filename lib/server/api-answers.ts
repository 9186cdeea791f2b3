import type { ServerResponse } from "node:http";
import { errorBody } from "./json-error";

/** Whether a raw request target is under /api/ (the path before any query). */
export function isApiPath(url: string): boolean {
  const path = url.split("?", 1)[0];
  return path === "/api" || path.startsWith("/api/");
}

/** Whether every `%` in the target starts a valid UTF-8 percent-encoding (`%ff`, `%C0%AF` and a lone `%` do not). */
export function hasValidPercentEncoding(url: string): boolean {
  try {
    decodeURIComponent(url);
    return true;
  } catch {
    return false;
  }
}

const CODES: Record<number, [string, string]> = {
  405: ["method_not_allowed", "this method is not supported here"],
  404: ["not_found", "nothing is served at this path"],
};

/**
 * Holds API answers to the API's rules whoever writes them (a fast handler or Next.js): every
 * answer is `Cache-Control: no-store`, and a bodiless 405 (Next.js's answer for a method a route
 * lacks) becomes a JSON error with an Allow header when the route's methods are known.
 */
export function guardApiResponse(res: ServerResponse, allowed: () => string[] | null): void {
  const { writeHead, write, end } = res;
  let replacing = false;
  const prepare = () => {
    if (res.headersSent) return;
    res.setHeader("cache-control", "no-store");
    if (res.statusCode in CODES && !replacing && !res.hasHeader("content-type")) {
      replacing = true;
      const methods = res.statusCode === 405 ? allowed() : null;
      if (methods) res.setHeader("allow", methods.join(", "));
      res.setHeader("content-type", "application/json");
      res.removeHeader("content-length");
    }
  };
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    if (typeof args[0] === "number") res.statusCode = args[0];
    prepare();
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    prepare();
    if (replacing) return true;
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    prepare();
    if (replacing) {
      const [code, message] = CODES[res.statusCode];
      return (end as (chunk: string) => ServerResponse).call(this, errorBody(code, message));
    }
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["end"];
}
