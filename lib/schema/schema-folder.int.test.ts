import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUT } from "../../app/api/v1/schemas/[type]/versions/[version]/route";
import { getPool } from "../db";
import { createTestToken } from "../testing/auth-fixtures";
import { pushSchemaFolder } from "./schema-folder";

// A real HTTP server in front of the real route handler, as CI would reach a running Hindsight.
let server: http.Server;
let url = "";
beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const [, type, version] = /^\/api\/v1\/schemas\/([^/]+)\/versions\/([^/]+)$/.exec(req.url ?? "") ?? [];
    const request = new NextRequest(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
    const answer = await PUT(request, { params: Promise.resolve({ type: decodeURIComponent(type), version }) });
    res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "hs-schemas-"));
const write = (name: string, value: unknown) => {
  fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
  fs.writeFileSync(path.join(folder, name), JSON.stringify(value));
};

describe("npm run schemas -- push <folder>", () => {
  it("registers every version in order, then stops at a breaking one with its reasons", async () => {
    const { token } = await createTestToken({ scopes: ["schemas:write"], ownerRole: "ops" });
    const v1 = { type: "object", required: ["ticketId"], properties: { ticketId: { type: "string" }, reporter: { type: "string", "x-pii": true }, reporterId: { type: "string", "x-subject": true } } };
    write("TicketOpened.v1.json", v1);
    write("TicketOpened.v2.json", { schema: { ...v1, required: ["ticketId", "priority"], properties: { ...v1.properties, priority: { type: "string" } } }, upcast: [{ op: "add", path: "/priority", value: "normal" }] });
    write("TicketClosed/v1.json", { schema: { type: "object", properties: { ticketId: { type: "string" } } }, description: "closed by support" });
    const lines: string[] = [];
    const first = await pushSchemaFolder({ dir: folder, url, token, log: (l) => lines.push(l) });
    expect(first).toEqual({ pushed: 3, failed: null });
    const { rows } = await getPool().query("SELECT type, version FROM data_schemas WHERE type LIKE 'Ticket%' ORDER BY type, version");
    expect(rows).toEqual([
      { type: "TicketClosed", version: 1 },
      { type: "TicketOpened", version: 1 },
      { type: "TicketOpened", version: 2 },
    ]);

    write("TicketOpened.v3.json", { schema: { ...v1, required: ["ticketId", "team"], properties: { ...v1.properties, team: { type: "string" } } } });
    lines.length = 0;
    const second = await pushSchemaFolder({ dir: folder, url, token, log: (l) => lines.push(l) });
    expect(second.pushed).toBe(3);
    expect(second.failed).toMatchObject({ type: "TicketOpened", version: 3 });
    expect(lines.join("\n")).toMatch(/409 schema_incompatible/);
    expect(lines.join("\n")).toMatch(/team is required in v3/);
  });
});
