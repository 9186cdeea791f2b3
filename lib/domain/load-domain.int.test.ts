import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPool } from "../db";
import { isEnvelope } from "../schema/envelope";
import { appendToStream } from "../store/append-to-stream";
import { outsideDomain } from "../testing/outside-domain";
import { getStateAt } from "../stream-state/get-state-at";
import { buildDomain } from "./build-domain";
import { currentDomain } from "./current-domain";
import { loadDomain } from "./load-domain";
import { setEnv } from "../env";

const root = path.resolve(__dirname, "../..");
const user = outsideDomain();

beforeAll(() => {
  setEnv({ HINDSIGHT_DOMAIN: user.dir });
  setEnv({ HINDSIGHT_DOMAIN_OUT: user.out });
});
afterAll(() => {
  setEnv({ HINDSIGHT_DOMAIN: undefined });
  setEnv({ HINDSIGHT_DOMAIN_OUT: undefined });
  user.cleanup();
});

describe("a domain module outside the checkout", () => {
  it("compiles once into one file, and again only when its sources change", async () => {
    expect(path.relative(root, user.dir).startsWith("..")).toBe(true);
    const first = await buildDomain({ root });
    expect(first).toMatchObject({ entry: user.entry, module: path.join(user.out, "domain.mjs"), rebuilt: true });
    expect((await buildDomain({ root })).rebuilt).toBe(false);
    user.write("index.ts", `${require("node:fs").readFileSync(user.entry, "utf8")}\n// edited\n`);
    const again = await buildDomain({ root });
    expect(again.rebuilt).toBe(true);
  });

  it("seals the domain's PII at append and folds its streams with the domain's reducer and upcaster", async () => {
    const domain = await loadDomain({ root, applyDefaults: true });
    expect(currentDomain()).toBe(domain);
    expect(domain.name).toBe("billing");
    const policy = await getPool().query("SELECT every_n_events FROM snapshot_policies WHERE category = 'customer'");
    expect(policy.rows).toEqual([{ every_n_events: 50 }]);

    await appendToStream({
      streamId: "customer-ada",
      events: [
        { type: "CustomerRegistered", schemaVersion: 1, data: { customerId: "ada", email: "ada@example.org" } },
        { type: "InvoiceIssued", data: { customerId: "ada", amount: 30 } },
        { type: "InvoiceIssued", data: { customerId: "ada", amount: 12.5 } },
      ],
    });
    const { rows } = await getPool().query<{ data: Record<string, unknown>; text: string }>(
      "SELECT data, data::text AS text FROM events WHERE stream_id = 'customer-ada' AND type = 'CustomerRegistered'",
    );
    expect(isEnvelope(rows[0].data.email)).toBe(true);
    expect(rows[0].text).not.toContain("ada@example.org");

    const clear = await getStateAt({ streamId: "customer-ada", pii: "clear" });
    expect(clear.state).toEqual({ customerId: "ada", email: "ada@example.org", plan: "free", invoiced: 42.5, invoices: 2 });
    const masked = await getStateAt({ streamId: "customer-ada", pii: "masked", target: { version: 1 } });
    expect(masked.state).toEqual({ customerId: "ada", email: "[masked]", plan: "free", invoiced: 0, invoices: 0 });
  });

  it("refuses events the domain's schema rejects", async () => {
    await loadDomain({ root });
    await expect(appendToStream({ streamId: "customer-bob", events: [{ type: "InvoiceIssued", data: { customerId: "bob", amount: -1 } }] })).rejects.toMatchObject({
      code: "validation_failed",
    });
  });

  it("stops with the module's own error when it throws while loading, does not compile, or exports no domain", async () => {
    user.write("index.ts", 'throw new Error("billing: the pricing table is missing");\nexport default 1;\n');
    await expect(loadDomain({ root })).rejects.toThrow("billing: the pricing table is missing");

    user.write("index.ts", "export default defineDomain({ name: 'billing', eventTypes: [ });\n");
    await expect(loadDomain({ root })).rejects.toThrow(/index\.ts:1:\d+: /);

    user.write("index.ts", 'export default { name: "billing", eventTypes: [] };\n');
    await expect(loadDomain({ root })).rejects.toThrow("must export the result of defineDomain");

    user.write("index.ts", 'import { defineDomain } from "hindsight/domain";\nexport default defineDomain({ name: "billing", eventTypes: [{ type: "A", description: "", versions: [] }] });\n');
    await expect(loadDomain({ root })).rejects.toThrow("event type A has no versions");
  });
});
