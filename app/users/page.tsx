import type { Metadata } from "next";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { CreateUserForm } from "@/components/users/create-user-form";
import { UsersTable } from "@/components/users/users-table";
import { oidcConfigured } from "@/lib/auth/oidc";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { listUsers } from "@/lib/auth/users";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const admin = await requirePagePermission("users.manage");
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Users" description="Who can sign in and what their role lets them do. Changes apply from each person's next request." />
      <SettingsTabs current="users" />
      <Panel title="Add a user">
        <CreateUserForm minPassword={MIN_PASSWORD_LENGTH} ssoAvailable={oidcConfigured()} />
      </Panel>
      <Panel title="Users" subtitle={`${users.length} ${users.length === 1 ? "person" : "people"}; disabling someone ends their sessions and stops their API tokens at once.`} flush>
        <UsersTable users={users} selfId={admin.id} />
      </Panel>
    </>
  );
}
