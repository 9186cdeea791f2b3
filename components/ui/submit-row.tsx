/** A form's primary submit button in its actions row; it says what it is doing while the action runs. */
export function SubmitRow({ pending, label, busyLabel }: { pending: boolean; label: string; busyLabel: string }) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? busyLabel : label}
      </button>
    </div>
  );
}
