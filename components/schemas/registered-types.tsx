import { DataTable } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/panel";
import { formatCount, formatInteger } from "@/lib/format";
import type { RegisteredTypeUsage } from "@/lib/schema/list-schema-usage";

/** Each registered type: versions with stored counts and PII fields, the upcaster chain, and stored versions the registry no longer knows. */
export function RegisteredTypes({ types }: { types: RegisteredTypeUsage[] }) {
  return (
    <Panel title="Registered event types" subtitle="Reads upcast every event to the latest version; counts are events stored at each version." flush>
      <DataTable label="Event types" className="schema-table">
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Source</th>
            <th scope="col">Versions (stored events)</th>
            <th scope="col">Upcasters</th>
            <th scope="col">Personal data</th>
            <th scope="col" className="num">
              Stored
            </th>
          </tr>
        </thead>
        <tbody>
          {types.map((t) => (
            <tr key={t.type}>
              <th scope="row">
                <span className="cell-type">{t.type}</span>
                <div className="muted schema-description">{t.description}</div>
              </th>
              <td>
                {t.source === "data" ? (
                  <Badge tone="info" title="Registered as JSON Schema over the API (PUT /api/v1/schemas/{type}/versions/{n})">
                    JSON Schema
                  </Badge>
                ) : (
                  <Badge title="Defined in the domain module's code (HINDSIGHT_DOMAIN)">code</Badge>
                )}
              </td>
              <td>
                <ul className="schema-list">
                  {t.versions.map((v) => (
                    <li key={v.version}>
                      <strong>v{v.version}</strong>
                      {v.version === t.latestVersion ? " (latest)" : ""}: <span title={`${formatInteger(v.stored)} events`}>{formatCount(v.stored)}</span>
                    </li>
                  ))}
                  {t.unknownVersions.map((v) => (
                    <li key={`unknown-${v.version}`}>
                      <Badge tone="danger" title="Stored at a version the registry does not define: reads of these events fail">
                        v{v.version} unknown
                      </Badge>{" "}
                      {formatCount(v.stored)}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                {t.upcasterChain.length === 0 ? (
                  <span className="muted">none (one version)</span>
                ) : (
                  <ol className="schema-list">
                    {t.upcasterChain.map((u) => (
                      <li key={u.from}>
                        <strong>
                          v{u.from}→v{u.to}
                        </strong>{" "}
                        {u.note || <span className="muted">no note</span>}
                      </li>
                    ))}
                  </ol>
                )}
              </td>
              <td>
                {t.piiFields.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <ul className="schema-list mono">
                    {t.piiFields.map((f) => (
                      <li key={f}>{f}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="num" title={`${formatInteger(t.stored)} events`}>
                {formatCount(t.stored)}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </Panel>
  );
}
