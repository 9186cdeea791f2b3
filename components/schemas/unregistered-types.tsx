import { Panel } from "@/components/ui/panel";
import { formatCount, formatInteger } from "@/lib/format";
import type { UnregisteredTypeUsage } from "@/lib/schema/list-schema-usage";

/** Types the store holds that the registry does not define: shown as stored, unvalidated and never upcast. */
export function UnregisteredTypes({ types }: { types: UnregisteredTypeUsage[] }) {
  return (
    <Panel title="Unregistered types seen in the store" subtitle="Their payloads are accepted as sent and read as stored. Register a type to validate it and declare its personal data." flush>
      {types.length === 0 ? (
        <p className="panel-empty">Every event in the store has a registered type.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Versions (stored events)</th>
              <th scope="col" className="num">
                Stored
              </th>
            </tr>
          </thead>
          <tbody>
            {types.map((t) => (
              <tr key={t.type}>
                <th scope="row" className="cell-type">
                  {t.type}
                </th>
                <td>{t.versions.map((v) => `v${v.version}: ${formatCount(v.stored)}`).join(" · ")}</td>
                <td className="num" title={`${formatInteger(t.stored)} events`}>
                  {formatCount(t.stored)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
