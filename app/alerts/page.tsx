import type { Metadata } from "next";
import Link from "next/link";
import { AlertList } from "@/components/alerts/alert-list";
import { LiveAlerts } from "@/components/alerts/live-alerts";
import { ALERT_TABS, AlertTabs, type AlertTab } from "@/components/alerts/alert-tabs";
import { RuleForm } from "@/components/alerts/rule-form";
import { RulesTable } from "@/components/alerts/rules-table";
import { SilenceForm } from "@/components/alerts/silence-form";
import { SilencesTable } from "@/components/alerts/silences-table";
import { WebhookForm } from "@/components/alerts/webhook-form";
import { WebhooksTable } from "@/components/alerts/webhooks-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { alertIntervalMs } from "@/lib/alerts/alert-loop";
import { getFiringSnapshot, listAlertDeliveries, listAlertEvents, listEndpointDeliveries, listResolvedAlerts, type AlertView } from "@/lib/alerts/list-alerts";
import { listAlertRules, listSilences, listWebhooks } from "@/lib/alerts/list-rules";
import { listRuleKindInfo } from "@/lib/alerts/rule-kinds";
import { getStoreExamples } from "@/lib/store/get-store-examples";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage(props: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePagePermission("events.read");
  const canManage = viewer.permissions.has("alerts.manage");
  const params = await props.searchParams;
  const tab = (ALERT_TABS as readonly string[]).includes(firstParam(params, "tab") ?? "") ? (firstParam(params, "tab") as AlertTab) : "alerts";
  const [snapshot, rules, silences, examples] = await Promise.all([getFiringSnapshot(), listAlertRules(), listSilences(), getStoreExamples()]);
  const kinds = listRuleKindInfo(examples);
  const firing = snapshot.alerts;
  // The tab, the badge and the list all come from this one snapshot.
  const counts = { alerts: snapshot.firing.total, silences: silences.filter((s) => s.active).length };
  const every = `${alertIntervalMs() / 1000} s`;

  return (
    <>
      <PageHeader
        title="Alerts"
        description={`Rules are evaluated every ${every} by one worker; alerts fire, resolve on their own when the condition clears, and notify signed webhooks.`}
      />
      <LiveAlerts firing={snapshot.firing} />
      <AlertTabs current={tab} counts={counts} />
      {tab === "alerts" ? <AlertsTab firing={firing} total={snapshot.firing.total} rulesCount={rules.length} canManage={canManage} /> : null}
      {tab === "rules" ? (
        <>
          {canManage ? (
            <Panel title="Create a rule" subtitle="The form asks what the chosen kind needs. New rules are evaluated within one interval.">
              <RuleForm kinds={kinds} />
            </Panel>
          ) : null}
          <Panel title="Rules" subtitle={canManage ? "Edit, disable or delete; every change is in the audit log." : "Ops manage rules; you can see what is watched."} flush>
            {rules.length ? (
              <RulesTable rules={rules} kinds={kinds} canManage={canManage} />
            ) : (
              <EmptyState title="No rules yet">
                {canManage ? "Create one above: a volume threshold on a busy category is a good first rule." : "Ask someone with the Ops role to create the first rule."}
              </EmptyState>
            )}
          </Panel>
        </>
      ) : null}
      {tab === "silences" ? (
        <>
          {canManage ? (
            <Panel title="Silence a rule or a category" subtitle="Silenced alerts are still recorded and shown (marked “silenced”); only their webhooks are held back.">
              <SilenceForm rules={rules.map((r) => ({ id: r.id, name: r.name }))} exampleCategory={examples.category} />
            </Panel>
          ) : null}
          <Panel title="Silences" subtitle="In force, and those that ended in the last 7 days" flush>
            {silences.length ? (
              <SilencesTable silences={silences} canManage={canManage} />
            ) : (
              <EmptyState title="Nothing is silenced">Silence a rule or a category during planned work (a load test, a migration) so nobody is paged for it.</EmptyState>
            )}
          </Panel>
        </>
      ) : null}
      {tab === "webhooks" ? <WebhooksTab canManage={canManage} /> : null}
    </>
  );
}

async function AlertsTab({ firing, total, rulesCount, canManage }: { firing: AlertView[]; total: number; rulesCount: number; canManage: boolean }) {
  const resolved = await listResolvedAlerts(50);
  const ids = [...firing, ...resolved].map((a) => a.id);
  const [history, deliveries] = await Promise.all([listAlertEvents(ids), listAlertDeliveries(ids, { showUrls: canManage })]);
  return (
    <>
      <Panel title="Firing now" subtitle={total ? `${total} alert${total === 1 ? "" : "s"}, most severe first${total > firing.length ? ` (the first ${firing.length} shown)` : ""}` : undefined}>
        {firing.length ? (
          <AlertList alerts={firing} history={history} deliveries={deliveries} canManage={canManage} label="Firing alerts" />
        ) : rulesCount === 0 ? (
          <EmptyState title="No rules, so no alerts" action={<Link className="button" href="/alerts?tab=rules">Go to rules</Link>}>
            {canManage ? "Create a rule (volume threshold, anomaly, stream length, open transaction) and it is evaluated every interval." : "Ask someone with the Ops role to create rules."}
          </EmptyState>
        ) : (
          <EmptyState title="All clear">Nothing is firing. Rules keep being evaluated; anything that fires shows here and in the badge beside the navigation.</EmptyState>
        )}
      </Panel>
      <Panel title="History" subtitle="Resolved alerts, newest first (the last 50)">
        {resolved.length ? (
          <AlertList alerts={resolved} history={history} deliveries={deliveries} canManage={canManage} label="Resolved alerts" />
        ) : (
          <EmptyState title="No resolved alerts yet">Alerts land here once their condition clears.</EmptyState>
        )}
      </Panel>
    </>
  );
}

async function WebhooksTab({ canManage }: { canManage: boolean }) {
  // Receivers' addresses never reach the page of someone who does not manage alerts.
  const webhooks = await listWebhooks({ showUrls: canManage });
  const recent = Object.fromEntries(await Promise.all(webhooks.map(async (w) => [w.id, await listEndpointDeliveries(w.id, { showUrls: canManage, limit: 10 })] as const)));
  return (
    <>
      {canManage ? (
        <Panel
          title="Add a webhook endpoint"
          subtitle="Each firing and resolution is POSTed as JSON with a deliveryId, signed: X-Hindsight-Signature: sha256=HMAC(secret, “<X-Hindsight-Timestamp>.<body>”). Failures are retried with exponential backoff."
        >
          <WebhookForm />
        </Panel>
      ) : null}
      <Panel title="Endpoints" subtitle="With their latest deliveries (the full log is on each alert)">
        {webhooks.length ? (
          <WebhooksTable webhooks={webhooks} recent={recent} canManage={canManage} />
        ) : (
          <EmptyState title="No endpoints">Alerts show here either way; add an endpoint to have them POSTed to your pager or chat bridge.</EmptyState>
        )}
      </Panel>
    </>
  );
}
