import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * What our own HTTP server knows about a request before any handler runs: the caller's address
 * (the socket's, or the nearest untrusted hop when the socket is a trusted proxy) and the boot id.
 */
export type FastRouteContext = { clientAddress: string | null; bootId: string };

/**
 * A handler served by the node:http front ahead of Next.js. It answers true when it took the
 * request (and has written or is streaming the response), false to let the next handler try.
 */
export type FastHandler = (req: IncomingMessage, res: ServerResponse, ctx: FastRouteContext) => Promise<boolean>;
