import { Truncate } from "@/components/ui/truncate";
import { DataTable } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import type { User } from "@/lib/auth/users";
import { RoleForm, StatusForm } from "./user-row-actions";

/** Everyone who can sign in, with their role, status and last sign-in, and the controls to change them. */
export function UsersTable({ users, selfId }: { users: User[]; selfId: string }) {
  return (
    <DataTable label="People">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">E-mail</th>
          <th scope="col">Role</th>
          <th scope="col">Status</th>
          <th scope="col">Last sign-in</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => {
          const props = { userId: u.id, email: u.email, role: u.role, status: u.status, isSelf: u.id === selfId };
          return (
            <tr key={u.id} data-user-email={u.email}>
              <th scope="row" className="cell-strong">
                {u.name}
                {u.id === selfId ? <Badge tone="info">you</Badge> : null}
              </th>
              <td>
                <Truncate text={u.email} />
              </td>
              <td>
                <RoleForm {...props} />
              </td>
              <td>
                {u.status === "active" ? <Badge tone="success">Active</Badge> : <Badge tone="danger">Disabled</Badge>}
                {!u.hasPassword ? <Badge>SSO only</Badge> : null}
              </td>
              <td>{u.lastSignInAt ? <TimeAgo time={u.lastSignInAt} /> : <span className="muted">never</span>}</td>
              <td className="num">
                <StatusForm {...props} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
