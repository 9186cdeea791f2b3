import Form from "next/form";

/** A correlation id, or any event id (its correlation is drawn). A GET form: the URL can be shared. */
export function CorrelationSearch({ value }: { value?: string }) {
  return (
    <Form action="/causation" className="filter-bar" role="search" aria-label="Find a correlation">
      <div className="field field-grow">
        <label htmlFor="cg-search">Correlation id or event id</label>
        <input id="cg-search" name="q" type="search" defaultValue={value ?? ""} placeholder="e.g. 0192f4c1-7d3e-7a10-9c2b-5e8f1a2b3c4d" autoComplete="off" spellCheck={false} maxLength={100} className="input mono" />
      </div>
      <div className="field field-buttons">
        <button type="submit" className="button button-primary">
          Draw graph
        </button>
      </div>
    </Form>
  );
}
