"use client";

import { useState } from "react";
import { useFormAction } from "@/components/ui/use-form-action";
import { createAlertRuleAction, updateAlertRuleAction } from "@/lib/alerts/alert-actions";
import type { RuleField, RuleKindInfo } from "@/lib/alerts/rule-kind";
import { FormFeedback } from "@/components/ui/form-feedback";

export type RuleFormProps = {
  kinds: RuleKindInfo[];
  /** Editing an existing rule (its kind is fixed); creating otherwise. */
  rule?: { id: string; name: string; kind: string; severity: string; params: Record<string, unknown> };
};

/** The rule form, generated from the chosen kind's `fields`: adding a kind adds its form. */
export function RuleForm({ kinds, rule }: RuleFormProps) {
  const { state, pending, onSubmit, formRef } = useFormAction(rule ? updateAlertRuleAction : createAlertRuleAction);
  const [kindName, setKindName] = useState(rule?.kind ?? kinds[0]?.kind ?? "");
  const kind = kinds.find((k) => k.kind === kindName);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const prefix = rule ? `rule-${rule.id.slice(0, 8)}` : "new-rule";

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="rule-form">
      <FormFeedback state={state} fieldsSpeak />
      {rule ? <input type="hidden" name="id" value={rule.id} /> : null}
      {rule ? <input type="hidden" name="kind" value={rule.kind} /> : null}
      <div className="form-grid">
        <Field id={`${prefix}-name`} label="Name" error={errors.name}>
          <input id={`${prefix}-name`} name="name" className="input" defaultValue={rule?.name} maxLength={200} placeholder="e.g. Volume spike" aria-invalid={errors.name ? true : undefined} />
        </Field>
        {rule ? null : (
          // A row of its own: the kinds' names are long, and a grid cell cut them off.
          <Field id={`${prefix}-kind`} label="Kind" error={errors.kind} hint={kind?.description} wide>
            <select id={`${prefix}-kind`} name="kind" className="input" value={kindName} onChange={(e) => setKindName(e.target.value)}>
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id={`${prefix}-severity`} label="Severity" error={errors.severity}>
          <select id={`${prefix}-severity`} name="severity" className="input" defaultValue={rule?.severity ?? "warning"}>
            <option value="info">info</option>
            <option value="warning">warning</option>
            <option value="critical">critical</option>
          </select>
        </Field>
        {kind?.fields.map((f) => (
          <KindField key={`${kindName}-${f.name}`} prefix={prefix} field={f} value={rule?.params[f.name]} error={errors[`params.${f.name}`]} />
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending || !kind}>
          {pending ? "Saving…" : rule ? "Save rule" : "Create rule"}
        </button>
      </div>
    </form>
  );
}

function KindField({ prefix, field, value, error }: { prefix: string; field: RuleField; value: unknown; error?: string }) {
  const id = `${prefix}-p-${field.name}`;
  const name = `params.${field.name}`;
  const initial = value !== undefined && value !== null ? String(value) : field.default !== undefined ? String(field.default) : "";
  const label = field.type === "number" && field.unit ? `${field.label} (${field.unit})` : field.label;
  return (
    <Field id={id} label={label} error={error} hint={field.help}>
      {field.type === "select" ? (
        <select id={id} name={name} className="input" defaultValue={initial}>
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : field.type === "number" ? (
        <input id={id} name={name} type="number" className="input" defaultValue={initial} min={field.min} max={field.max} step={field.step ?? "any"} aria-invalid={error ? true : undefined} />
      ) : (
        <input id={id} name={name} className="input" defaultValue={initial} placeholder={field.placeholder} aria-invalid={error ? true : undefined} />
      )}
    </Field>
  );
}

function Field({ id, label, error, hint, wide, children }: { id: string; label: string; error?: string; hint?: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={wide ? "field field-row" : "field"}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </div>
  );
}
