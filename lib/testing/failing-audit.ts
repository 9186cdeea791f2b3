import { asOwner } from "./owner-db";

/**
 * Makes the audit insert fail for entries whose target contains `marker` (a trigger, as the owner):
 * the write that comes after the change in every audited operation, so a test can show that the
 * change goes when its audit entry cannot be written.
 */
export async function failAuditsMentioning(marker: string): Promise<void> {
  await asOwner(async (c) => {
    await c.query(`CREATE OR REPLACE FUNCTION test_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM test_failing_audit_markers m WHERE strpos(coalesce(NEW.target, ''), m.marker) > 0) THEN
          RAISE EXCEPTION 'audit refused for this test: %', NEW.target;
        END IF;
        RETURN NEW;
      END $$`);
    await c.query("CREATE TABLE IF NOT EXISTS test_failing_audit_markers (marker text PRIMARY KEY)");
    await c.query("GRANT SELECT ON test_failing_audit_markers TO PUBLIC");
    await c.query("INSERT INTO test_failing_audit_markers VALUES ($1) ON CONFLICT DO NOTHING", [marker]);
    await c.query("DROP TRIGGER IF EXISTS test_fail_audit ON audit_log");
    await c.query("CREATE TRIGGER test_fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_fail_audit()");
  });
}
