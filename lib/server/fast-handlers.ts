import type { FastHandler } from "./fast-route";

/** The fast-path handlers the HTTP server tries, in order, before handing a request to Next.js. */
export const fastHandlers: FastHandler[] = [];
