"use client";

import { useState } from "react";

/** Subject access: downloads everything held about a subject, in clear, as JSON (audited on the server). */
export function SubjectAccessForm({ initial = "" }: { initial?: string }) {
  const [subject, setSubject] = useState(initial);
  const valid = /^[^\s:]{1,200}$/.test(subject.trim());
  return (
    <div className="inline-form">
      <label className="visually-hidden" htmlFor="access-subject">
        Subject id to export
      </label>
      <input id="access-subject" className="input mono" placeholder="the subject id your events carry" value={subject} onChange={(e) => setSubject(e.target.value)} />
      {valid ? (
        <a className="button" href={`/api/v1/subjects/${encodeURIComponent(subject.trim())}/export`} download>
          Download export (JSON)
        </a>
      ) : (
        <button type="button" className="button" disabled>
          Download export (JSON)
        </button>
      )}
    </div>
  );
}
