import { Truncate } from "@/components/ui/truncate";
import { DataTable } from "@/components/ui/data-table";
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
        <DataTable label="Types without a schema">
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
                <th scope="row" className="cell-strong">
                  <Truncate text={t.type} width="type" />
                </th>
                <td>{t.versions.map((v) => `v${v.version}: ${formatCount(v.stored)}`).join(" · ")}</td>
                <td className="num" title={`${formatInteger(t.stored)} events`}>
                  {formatCount(t.stored)}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Panel>
  );
}
