import { expect, it } from "vitest";
import { GET as metrics } from "@/app/api/metrics/route";
import { systemActor } from "../audit/actor";
import { appendToStream } from "../store/append-to-stream";
import { apiRequest, createTestToken } from "../testing/auth-fixtures";
import { unique } from "../testing/expectations";
import { evaluateRules } from "./evaluate-rules";
import { createAlertRule } from "./manage-rules";

// GET /api/metrics publishes the firing alerts by rule kind and severity, 0 for a kind that is quiet.

it("counts firing alerts by kind and severity", async () => {
  const actor = systemActor("test");
  const category = `met${unique()}`;
  await appendToStream({ streamId: `${category}-1`, events: [{ type: "Noted", data: {} }, { type: "Noted", data: {} }] });
  const loud = await createAlertRule({ name: "loud", kind: "volume_threshold", severity: "critical", params: { scope: "category", target: category, threshold: 1, windowSeconds: 60 }, actor });
  const quiet = await createAlertRule({ name: "quiet", kind: "stream_length", severity: "info", params: { maxEvents: 1_000_000 }, actor });
  await evaluateRules({ ruleIds: [loud.id, quiet.id], now: new Date(Date.now() + 500) });

  const { token } = await createTestToken({ scopes: ["stats:read"] });
  const text = await (await metrics(apiRequest("/api/metrics", { token }), { params: Promise.resolve({}) })).text();
  expect(text).toContain("# TYPE hindsight_alerts_firing gauge\n");
  expect(text).toContain('hindsight_alerts_firing{kind="volume_threshold",severity="critical"} 1\n');
  expect(text).toContain('hindsight_alerts_firing{kind="volume_threshold",severity="warning"} 0\n');
  expect(text).toContain('hindsight_alerts_firing{kind="stream_length",severity="info"} 0\n');
});
