"use client";

/** Opens the browser's print dialog (the certificate has its own print styles). */
export function PrintButton() {
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      Print
    </button>
  );
}
