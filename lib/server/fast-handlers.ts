import { appendEvents } from "../api/append-events";
import { readLog } from "../api/read-log";
import { readStreamEvents } from "../api/read-stream-events";
import { fastApiRoute } from "./fast-api-route";
import type { FastHandler } from "./fast-route";
import { fastSubscribe } from "./fast-subscribe";
import { closedSignal, readNodeJson } from "./node-io";

const STREAM_EVENTS = /^\/api\/v1\/streams\/([^/]+)\/events$/;

/** The fast-path handlers the HTTP server tries, in order, before handing a request to Next.js. */
export const fastHandlers: FastHandler[] = [
  fastApiRoute({
    method: "POST",
    path: STREAM_EVENTS,
    permission: "events.append",
    run: ({ req, res, params }) => {
      const header = req.headers["idempotency-key"];
      return appendEvents({ streamId: params[0], readBody: () => readNodeJson(req, res), idempotencyHeader: typeof header === "string" ? header : null });
    },
  }),
  fastApiRoute({
    method: "GET",
    path: /^\/api\/v1\/events$/,
    permission: "events.read",
    run: ({ req, res, url, caller }) => readLog({ query: url.searchParams, caller, signal: closedSignal(req, res) }),
  }),
  fastSubscribe,
  fastApiRoute({
    method: "GET",
    path: STREAM_EVENTS,
    permission: "events.read",
    run: ({ url, params, caller }) => readStreamEvents({ streamId: params[0], query: url.searchParams, caller }),
  }),
];
