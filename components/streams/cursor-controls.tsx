"use client";

import { useId, useState } from "react";
import { formatInteger } from "@/lib/format";
import { localInputToUtc, resolveTimeToVersion, utcToLocalInput } from "@/lib/stream-page/resolve-time";

export type CursorControlsProps = {
  streamId: string;
  version: number;
  cursor: number;
  compare: number | null;
  firstEventAt: string | null;
  lastEventAt: string | null;
  /** Where the date field starts (a link's ?at=), else the last event's time. */
  initialTime: string | null;
  initialTimeError: string | null;
  onCursor: (v: number) => void;
  onCompare: (v: number | null) => void;
};

/** The cursor's slider, a date-time jump (resolved to a version by the server) and the compare point. */
export function CursorControls(props: CursorControlsProps) {
  const { streamId, version, cursor, compare, onCursor, onCompare } = props;
  const id = useId();
  const [time, setTime] = useState(() => utcToLocalInput(props.initialTime ?? props.lastEventAt));
  const [timeError, setTimeError] = useState<string | null>(props.initialTimeError);
  const [busy, setBusy] = useState(false);

  async function jumpToTime(e: React.FormEvent) {
    e.preventDefault();
    const at = localInputToUtc(time);
    if (!at) return setTimeError("Enter a date and time.");
    setBusy(true);
    try {
      onCursor(await resolveTimeToVersion(streamId, at));
      setTimeError(null);
    } catch (err) {
      setTimeError(err instanceof Error ? err.message : "Could not resolve that time.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="tm-controls">
      <div className="field field-grow">
        <label htmlFor={`${id}-slider`}>
          Cursor: version {formatInteger(cursor)} of {formatInteger(version)}
        </label>
        <input
          id={`${id}-slider`}
          type="range"
          min={0}
          max={version}
          value={cursor}
          onChange={(e) => onCursor(Number(e.target.value))}
          aria-valuetext={cursor === 0 ? "before the first event" : `version ${cursor}`}
          className="tm-slider"
        />
      </div>
      <form className="tm-time" onSubmit={jumpToTime}>
        <div className="field">
          <label htmlFor={`${id}-time`}>State at time (UTC)</label>
          <input
            id={`${id}-time`}
            type="datetime-local"
            step={1}
            value={time}
            min={utcToLocalInput(props.firstEventAt)}
            onChange={(e) => setTime(e.target.value)}
            className="input mono"
            aria-describedby={timeError ? `${id}-time-error` : undefined}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          Go to time
        </button>
        {timeError ? (
          <p id={`${id}-time-error`} className="field-error" role="alert">
            {timeError}
          </p>
        ) : null}
      </form>
      <div className="tm-compare">
        {compare === null ? (
          <button type="button" className="button" onClick={() => onCompare(cursor)}>
            Compare with…
          </button>
        ) : (
          <>
            <span>
              Comparing with version <strong>{formatInteger(compare)}</strong>
            </span>
            <button type="button" className="button button-small" onClick={() => onCompare(null)}>
              Stop comparing
            </button>
          </>
        )}
      </div>
    </div>
  );
}
