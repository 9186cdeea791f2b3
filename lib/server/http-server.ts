import { randomUUID } from "node:crypto";
import type http from "node:http";
import { createHindsightServer } from "./create-server";
import { loadRouteMethods } from "./route-methods";
import { serverSettingsFromEnv } from "./server-settings";
import { setEnv } from "../env";

export type HttpServerOptions = { root: string; port: number; host?: string; dev?: boolean; log: (line: string) => void };

export type RunningHttpServer = { url: string; bootId: string; close: () => Promise<void> };

/** How long a graceful close waits for requests in flight before cutting their connections. */
export const CLOSE_GRACE_MS = 2_000;

/**
 * Serves Hindsight: Next.js (app router, through getRequestHandler) behind our own node:http
 * server. The boot id is new on every start and shows in /api/health, so readiness means this
 * process answered, not whatever else holds the port.
 */
export async function startHttpServer(opts: HttpServerOptions): Promise<RunningHttpServer> {
  const bootId = randomUUID();
  // Route handlers run in this process: /api/health reads it from here.
  setEnv({ HINDSIGHT_BOOT_ID: bootId });
  const settings = serverSettingsFromEnv();
  const { default: next } = await import("next");
  const app = next({ dir: opts.root, dev: opts.dev ?? false, hostname: opts.host ?? "localhost", port: opts.port });
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  const { fastHandlers } = await import("./fast-handlers");
  const server = createHindsightServer({
    bootId,
    settings,
    fastHandlers,
    fallback: (req, res) => nextHandler(req, res),
    allowedMethods: loadRouteMethods(opts.root),
    log: opts.log,
  });
  try {
    await listen(server, opts.port, opts.host);
  } catch (e) {
    await app.close().catch(() => undefined);
    throw e;
  }
  const shown = !opts.host || opts.host === "0.0.0.0" || opts.host === "::" ? "localhost" : opts.host;
  return {
    url: `http://${shown.includes(":") ? `[${shown}]` : shown}:${opts.port}`,
    bootId,
    close: async () => {
      await closeGracefully(server, CLOSE_GRACE_MS);
      await app.close().catch(() => undefined);
    },
  };
}

/** Listens, turning a taken port into one sentence that names it and the variable that changes it. */
export function listen(server: http.Server, port: number, host?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (e.code === "EADDRINUSE") reject(new Error(`port ${port} is already in use (set PORT to use another)`));
      else if (e.code === "EACCES") reject(new Error(`port ${port} needs privileges this user lacks (set PORT to use another)`));
      else reject(e);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/**
 * Stops taking connections, closes idle keep-alive ones at once, lets requests in flight finish
 * for up to graceMs and then cuts whatever is left, so a stop is always bounded.
 */
export function closeGracefully(server: http.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
