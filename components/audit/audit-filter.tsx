import Form from "next/form";
import Link from "next/link";

export type AuditFilterValues = { actor?: string; action?: string; from?: string; to?: string };

/** Actor, action and time filters; a GET form, so a filtered view is a link that can be shared. */
export function AuditFilter({ values, actions }: { values: AuditFilterValues; actions: string[] }) {
  const options = values.action && !actions.includes(values.action) ? [values.action, ...actions] : actions;
  return (
    <Form action="/audit" className="filter-bar" role="search" aria-label="Filter the audit log">
      <div className="field">
        <label htmlFor="audit-actor">Actor</label>
        <input id="audit-actor" name="actor" type="search" className="input" defaultValue={values.actor ?? ""} placeholder="e-mail or token name" maxLength={200} />
      </div>
      <div className="field">
        <label htmlFor="audit-action">Action</label>
        <select id="audit-action" name="action" className="input" defaultValue={values.action ?? ""}>
          <option value="">All actions</option>
          {options.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-from">From (UTC)</label>
        <input id="audit-from" name="from" type="datetime-local" className="input" defaultValue={values.from ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="audit-to">To (UTC)</label>
        <input id="audit-to" name="to" type="datetime-local" className="input" defaultValue={values.to ?? ""} />
      </div>
      <div className="field field-buttons">
        <button type="submit" className="button button-primary">
          Filter
        </button>
        {values.actor || values.action || values.from || values.to ? (
          <Link href="/audit" className="button">
            Clear
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
