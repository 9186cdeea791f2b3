import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "@/lib/db";
import { isEnvelope } from "@/lib/schema/envelope";
import { apiRequest, createTestToken } from "@/lib/testing/auth-fixtures";
import { GET as readStream, POST as append } from "../streams/[streamId]/events/route";
import { GET as listSchemas } from "./route";
import { PUT as putVersion } from "./[type]/versions/[version]/route";

let admin = "";
let appender = "";
const type = `PatientAdmitted${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  admin = (await createTestToken({ scopes: ["schemas:write", "events:read", "events:append", "pii:read"], ownerRole: "admin" })).token;
  appender = (await createTestToken({ scopes: ["events:read", "events:append"], ownerRole: "admin" })).token;
});

const put = async (t: string, version: number, body: unknown, token = admin) =>
  putVersion(apiRequest(`/api/v1/schemas/${t}/versions/${version}`, { method: "PUT", body, token }), { params: Promise.resolve({ type: t, version: String(version) }) });
const appendTo = (streamId: string, events: unknown[]) =>
  append(apiRequest(`/api/v1/streams/${streamId}/events`, { method: "POST", body: { events }, token: admin }), { params: Promise.resolve({ streamId }) });
const read = async (streamId: string, token = admin) =>
  (await readStream(apiRequest(`/api/v1/streams/${streamId}/events`, { token }), { params: Promise.resolve({ streamId }) })).json();

const v1 = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["patientId", "name"],
  properties: { patientId: { type: "string", "x-subject": true }, name: { type: "string", "x-pii": true }, age: { type: "integer", minimum: 0 } },
  additionalProperties: false,
};
const v2 = { ...v1, required: ["patientId", "name", "ward"], properties: { ...v1.properties, ward: { type: "string" } } };

describe("the registry as data", () => {
  it("a JSON Schema pushed over the API makes the store validate and seal the PII of a type no code knows", async () => {
    const res = await put(type, 1, { schema: v1 });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ type, version: 1, status: "created", piiFields: ["name"], subjectField: "patientId" });

    const bad = await appendTo("ward-1", [{ type, data: { patientId: "p1", name: 42, extra: true } }]);
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(body.error.code).toBe("validation_failed");
    expect(JSON.stringify(body.error)).toContain("data.name");
    expect(JSON.stringify(body.error)).toContain("data.extra");

    expect((await appendTo("ward-1", [{ type, data: { patientId: "p1", name: "Grace Hopper", age: 85 } }])).status).toBe(201);
    const { rows } = await getPool().query<{ data: Record<string, unknown>; subjects: string[]; text: string }>("SELECT data, subjects, data::text AS text FROM events WHERE type = $1", [type]);
    expect(isEnvelope(rows[0].data.name)).toBe(true);
    expect(rows[0].text).not.toContain("Grace");
    expect(rows[0].subjects).toEqual(["p1"]);
    expect((await read("ward-1")).events[0].data.name).toBe("Grace Hopper");
    expect((await read("ward-1", appender)).events[0].data.name).toBe("[masked]");
  });

  it("refuses a breaking version without an upcast, with the reasons, and takes it with one; old events read upcast", async () => {
    const refused = await put(type, 2, { schema: v2 });
    expect(refused.status).toBe(409);
    const error = (await refused.json()).error;
    expect(error.code).toBe("schema_incompatible");
    expect(error.reasons.join("\n")).toMatch(/ward is required in v2/);
    expect(error.reasons.join("\n")).toMatch(/stored events .* do not validate/);

    const taken = await put(type, 2, { schema: v2, upcast: [{ op: "add", path: "/ward", value: "general" }] });
    expect(taken.status).toBe(201);
    const event = (await read("ward-1")).events[0];
    expect(event).toMatchObject({ schemaVersion: 2, storedSchemaVersion: 1, data: { patientId: "p1", name: "Grace Hopper", ward: "general" } });
  });

  it("replays stored events against a change the schemas alone do not show", async () => {
    const v3 = { ...v2, properties: { ...v2.properties, ward: { type: "string", pattern: "^W[0-9]+$" } } };
    const res = await put(type, 3, { schema: v3 });
    expect(res.status).toBe(409);
    const error = (await res.json()).error;
    expect(error.failures[0].errors.join(" ")).toContain("/ward");
  });

  it("keeps a version with events immutable, and answers the same registration again as unchanged", async () => {
    expect((await put(type, 1, { schema: v1 })).status).toBe(200);
    const changed = await put(type, 1, { schema: { ...v1, additionalProperties: true } });
    expect(changed.status).toBe(409);
    expect((await changed.json()).error.code).toBe("schema_immutable");
    const audit = await getPool().query("SELECT action, target FROM audit_log WHERE target LIKE $1 ORDER BY id", [`schema:${type}@%`]);
    expect(audit.rows).toEqual([
      { action: "schema.registered", target: `schema:${type}@v1` },
      { action: "schema.registered", target: `schema:${type}@v2` },
    ]);
  });

  it("treats schemas as untrusted: unknown keywords, $data, remote $ref, deep nesting and PII without a subject are refused", async () => {
    const t = `Untrusted${randomUUID().slice(0, 6)}`;
    const cases: [unknown, RegExp][] = [
      [{ type: "object", properties: { a: { type: "string", "x-secret": true } } }, /unknown keyword/],
      [{ type: "object", properties: { a: { type: "integer", maximum: { $data: "1/b" } } } }, /\$data/],
      [{ type: "object", properties: { a: { $ref: "https://evil.example/schema.json" } } }, /\$ref may only point inside/],
      [{ type: "object", properties: { a: { type: "string", "x-pii": true } } }, /needs one .{1,2}x-subject/],
      [{ type: "object", properties: { a: { type: "array", items: { type: "string", "x-pii": true } } } }, /only supported on object properties/],
      [JSON.parse(`${'{"type":"object","properties":{"a":'.repeat(40)}{}${"}}".repeat(40)}`), /deeper than/],
    ];
    for (const [schema, reason] of cases) {
      const res = await put(t, 1, { schema });
      expect(res.status, JSON.stringify(schema).slice(0, 80)).toBe(422);
      expect(JSON.stringify((await res.json()).error)).toMatch(reason);
    }
    expect((await put("OrderPlaced", 3, { schema: { type: "object" } })).status).toBe(409);
  });

  it("needs schemas.manage: a token without schemas:write is refused, and the list shows both sources", async () => {
    expect((await put(`Nope${randomUUID().slice(0, 6)}`, 1, { schema: { type: "object" } }, appender)).status).toBe(403);
    const { types } = await (await listSchemas(apiRequest("/api/v1/schemas", { token: appender }), { params: Promise.resolve({}) })).json();
    expect(types.find((t: { type: string }) => t.type === "OrderPlaced")).toMatchObject({ source: "code" });
    expect(types.find((t: { type: string }) => t.type === type)).toMatchObject({ source: "data", versions: [{ version: 1, piiFields: ["name"] }, { version: 2 }] });
  });
});
