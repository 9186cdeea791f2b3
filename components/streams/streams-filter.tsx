import Form from "next/form";
import Link from "next/link";

export type StreamsFilterProps = { prefix?: string; category?: string; categories: string[] };

/** Search by id prefix and filter by category. A GET form, so the URL holds the query and can be shared. */
export function StreamsFilter({ prefix, category, categories }: StreamsFilterProps) {
  // A category typed into the URL that no stream has still shows as selected.
  const options = category && !categories.includes(category) ? [category, ...categories] : categories;
  return (
    <Form action="/streams" className="filter-bar" role="search" aria-label="Find streams">
      <div className="field field-grow">
        <label htmlFor="prefix">Stream id starts with</label>
        <input
          id="prefix"
          name="prefix"
          type="search"
          defaultValue={prefix ?? ""}
          placeholder="e.g. order-42"
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          className="input mono"
        />
      </div>
      <div className="field">
        <label htmlFor="category">Category</label>
        <select id="category" name="category" defaultValue={category ?? ""} className="input">
          <option value="">All categories</option>
          {options.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-buttons">
        <button type="submit" className="button button-primary">
          Search
        </button>
        {prefix || category ? (
          <Link href="/streams" className="button">
            Clear
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
