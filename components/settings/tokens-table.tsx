import { Truncate } from "@/components/ui/truncate";
import { DataTable } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import type { ApiTokenInfo } from "@/lib/auth/api-tokens";
import { RevokeTokenButton } from "./revoke-token-button";

/** Every API token: its visible prefix, scopes, owner, when it was last used and when it expires. */
export function TokensTable({ tokens }: { tokens: ApiTokenInfo[] }) {
  if (tokens.length === 0) {
    return <p className="panel-empty muted">No API tokens yet. Create one above for each service or script that calls /api/v1.</p>;
  }
  return (
    <DataTable label="API tokens">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Token</th>
          <th scope="col">Scopes</th>
          <th scope="col">Owner</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Expires</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.id} data-token-name={t.name}>
            <th scope="row" className="cell-strong nowrap">
              {t.name}
            </th>
            <td>
              <code>{t.prefix}…</code>
            </td>
            <td>
              <span className="badge-list">
                {t.scopes.map((s) => (
                  <Badge key={s}>{s}</Badge>
                ))}
              </span>
            </td>
            <td className="muted">
              <Truncate text={t.ownerEmail} />
            </td>
            <td>
              <TimeAgo time={t.createdAt} />
            </td>
            <td>{t.lastUsedAt ? <TimeAgo time={t.lastUsedAt} /> : <span className="muted">never</span>}</td>
            <td data-testid="token-expires">
              {t.expiresAt === null ? (
                <span className="muted">never</span>
              ) : t.expired ? (
                <Badge tone="warning" title={t.expiresAt}>
                  Expired
                </Badge>
              ) : (
                <TimeAgo time={t.expiresAt} />
              )}
            </td>
            <td className="num">
              {t.revokedAt ? (
                <Badge tone="danger" title={`Revoked ${t.revokedAt}`}>
                  Revoked
                </Badge>
              ) : (
                <RevokeTokenButton tokenId={t.id} name={t.name} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
