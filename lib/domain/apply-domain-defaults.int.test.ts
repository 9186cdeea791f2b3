import { describe, expect, it } from "vitest";
import { getPool } from "../db";
import { unique } from "../testing/expectations";
import { applyDomainDefaults } from "./apply-domain-defaults";
import { defineDomain } from "./domain";

// A domain's snapshot policies are created once, audited once; a category that already has a
// policy keeps what operators set, and starting again adds nothing.

describe("applyDomainDefaults", () => {
  it("creates a missing snapshot policy once, audited, and leaves an existing one as it is", async () => {
    const fresh = `defaults${unique()}`;
    const kept = `kept${unique()}`;
    await getPool().query("INSERT INTO snapshot_policies (category, every_n_events) VALUES ($1, 7)", [kept]);
    const domain = defineDomain({ name: `defaults-${unique()}`, eventTypes: [], snapshotPolicies: [{ category: fresh, everyNEvents: 50 }, { category: kept, everyNEvents: 50 }] });

    expect(await applyDomainDefaults(domain)).toEqual({ policies: 1, rules: 0 });
    expect(await applyDomainDefaults(domain)).toEqual({ policies: 0, rules: 0 });

    const { rows } = await getPool().query("SELECT category, every_n_events FROM snapshot_policies WHERE category = ANY($1::text[]) ORDER BY category", [[fresh, kept]]);
    expect(rows).toEqual([{ category: fresh, every_n_events: 50 }, { category: kept, every_n_events: 7 }].sort((a, b) => a.category.localeCompare(b.category)));
    const audits = await getPool().query("SELECT target, details FROM audit_log WHERE action = 'snapshot_policy.created' AND target = ANY($1::text[])", [[`category:${fresh}`, `category:${kept}`]]);
    expect(audits.rows).toEqual([{ target: `category:${fresh}`, details: { everyNEvents: 50 } }]);
  });
});
