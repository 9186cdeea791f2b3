import Form from "next/form";
import Link from "next/link";

/** The search as the URL holds it (dates are whole UTC days, `YYYY-MM-DD`). */
export type StreamsQuery = { prefix?: string; category?: string; type?: string; from?: string; to?: string; subject?: string };

export type StreamsFilterProps = {
  query: StreamsQuery;
  categories: string[];
  /** Registered event types, offered as suggestions (any type can be typed). */
  eventTypes: string[];
  /** Only viewers with pii.read may search by data subject: where a person appears is personal data too. */
  canSearchSubjects: boolean;
  /** A stream id from the store, for the prefix hint. */
  exampleStreamId?: string | null;
};

/** Search by id prefix, category, event type, activity dates and (for pii.read) data subject. A GET form, so the URL can be shared. */
export function StreamsFilter({ query, categories, eventTypes, canSearchSubjects, exampleStreamId }: StreamsFilterProps) {
  const { prefix, category, type, from, to, subject } = query;
  // A category typed into the URL that no stream has still shows as selected.
  const options = category && !categories.includes(category) ? [category, ...categories] : categories;
  const filtered = Boolean(prefix || category || type || from || to || subject);
  return (
    <Form action="/streams" className="filter-bar" role="search" aria-label="Find streams">
      <div className="field field-grow">
        <label htmlFor="prefix">Stream id starts with</label>
        <input id="prefix" name="prefix" type="search" defaultValue={prefix ?? ""} placeholder={exampleStreamId ? `e.g. ${exampleStreamId.slice(0, 40)}` : "stream id"} autoComplete="off" spellCheck={false} maxLength={200} className="input mono" />
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
      <div className="field">
        <label htmlFor="type">Has event type</label>
        <input id="type" name="type" type="search" list="event-types" defaultValue={type ?? ""} placeholder={eventTypes.length ? `e.g. ${eventTypes[0]}` : "event type"} autoComplete="off" spellCheck={false} maxLength={200} className="input mono" />
        <datalist id="event-types">
          {eventTypes.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="from">Active from (UTC)</label>
        <input id="from" name="from" type="date" defaultValue={from ?? ""} className="input" />
      </div>
      <div className="field">
        <label htmlFor="to">Active to (UTC)</label>
        <input id="to" name="to" type="date" defaultValue={to ?? ""} className="input" />
      </div>
      {canSearchSubjects ? (
        <div className="field">
          <label htmlFor="subject">Data subject</label>
          <input id="subject" name="subject" type="search" defaultValue={subject ?? ""} placeholder="subject id" autoComplete="off" spellCheck={false} maxLength={200} className="input mono" />
        </div>
      ) : null}
      <div className="field field-buttons">
        <button type="submit" className="button button-primary">
          Search
        </button>
        {filtered ? (
          <Link href="/streams" className="button">
            Clear
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
