import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/settings/create-token-form";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { TokensTable } from "@/components/settings/tokens-table";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requirePagePermission } from "@/lib/auth/require-permission";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  await requirePagePermission("tokens.manage");
  const tokens = await listApiTokens();
  return (
    <>
      <PageHeader title="Settings" description="API tokens let services and scripts call /api/v1 without a person signing in." />
      <SettingsTabs current="tokens" />
      <Panel title="Create an API token" subtitle="Send it as Authorization: Bearer <token>. A token never does more than its owner's role allows.">
        <CreateTokenForm />
      </Panel>
      <Panel title="API tokens" subtitle="Only a SHA-256 of each token is stored; revoking one takes effect on the next request." flush>
        <TokensTable tokens={tokens} />
      </Panel>
    </>
  );
}
