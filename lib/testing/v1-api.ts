import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { expect } from "vitest";
import { GET as getLog } from "@/app/api/v1/events/route";
import { GET as listStreams } from "@/app/api/v1/streams/route";
import { GET as readStream, POST as append } from "@/app/api/v1/streams/[streamId]/events/route";
import { createTestToken } from "./auth-fixtures";

// The public API v1 called through its route handlers, with an API token holding the read and
// append scopes (auth itself: lib/auth/*.int.test.ts). One test file per endpoint uses these.

let auth: Record<string, string> = {};

/** Creates the token every call of this file carries: run it in beforeAll. */
export async function useV1Token(): Promise<void> {
  const { token } = await createTestToken({ scopes: ["events:read", "events:append"] });
  auth = { authorization: `Bearer ${token}` };
}

const BASE = "http://hindsight.test/api/v1";
export const unique = () => randomUUID().slice(0, 8);
export const shipped = (orderId: string) => ({ type: "OrderShipped", data: { orderId, carrier: "dhl", trackingNumber: "T1" } });

export type Json = Record<string, unknown>;
export type Reply = { status: number; body: Json; headers: Headers };

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {}, headers: res.headers };
}

/** POST /api/v1/streams/{streamId}/events */
export async function post(streamId: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const req = new NextRequest(`${BASE}/streams/${encodeURIComponent(streamId)}/events`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", ...auth, ...headers },
  });
  return reply(await append(req, { params: Promise.resolve({ streamId }) }));
}

/** GET /api/v1/streams/{streamId}/events */
export async function get(streamId: string, query = ""): Promise<Reply> {
  const req = new NextRequest(`${BASE}/streams/${encodeURIComponent(streamId)}/events${query}`, { headers: auth });
  return reply(await readStream(req, { params: Promise.resolve({ streamId }) }));
}

/** GET /api/v1/events */
export async function getEvents(query: string): Promise<Reply> {
  return reply(await getLog(new NextRequest(`${BASE}/events${query}`, { headers: auth }), { params: Promise.resolve({}) }));
}

/** GET /api/v1/streams */
export async function getStreams(query: string): Promise<Reply> {
  return reply(await listStreams(new NextRequest(`${BASE}/streams${query}`, { headers: auth }), { params: Promise.resolve({}) }));
}

/** Every error is `{"error": {"code", "message", ...details}}` with the status its code implies. */
export function expectError(r: Reply, status: number, code: string): Json {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(Object.keys(r.body)).toEqual(["error"]);
  const error = r.body.error as Json;
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe("string");
  expect((error.message as string).length).toBeGreaterThan(0);
  return error;
}

export const RFC3339_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}[+-]\d{2}:\d{2}$/;
