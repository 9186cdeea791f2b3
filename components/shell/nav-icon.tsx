import type { NavIconName } from "./nav-items";

// Simple 24-unit stroke glyphs drawn here, so the shell needs no icon package.
const GLYPHS: Record<NavIconName, React.ReactNode> = {
  overview: (
    <>
      <rect x="3.5" y="3.5" width="7" height="7" rx="1.5" />
      <rect x="13.5" y="3.5" width="7" height="7" rx="1.5" />
      <rect x="3.5" y="13.5" width="7" height="7" rx="1.5" />
      <rect x="13.5" y="13.5" width="7" height="7" rx="1.5" />
    </>
  ),
  growth: <path d="M3 17l6-6 4 4 8-8M15 7h6v6" />,
  archive: (
    <>
      <rect x="3" y="4" width="18" height="4.5" rx="1" />
      <path d="M5 8.5V19a1.5 1.5 0 001.5 1.5h11A1.5 1.5 0 0019 19V8.5M10 12.5h4" />
    </>
  ),
  alerts: <path d="M12 3.5L21.5 20h-19L12 3.5zM12 10v4.5M12 17.5v.01" />,
  streams: <path d="M4 6h16M4 12h16M4 18h10" />,
  causation: (
    <>
      <circle cx="6" cy="6" r="2.5" />
      <circle cx="18" cy="6" r="2.5" />
      <circle cx="12" cy="18" r="2.5" />
      <path d="M8.5 6h7M7.3 8.2l3.5 7.6M16.7 8.2l-3.5 7.6" />
    </>
  ),
  schemas: <path d="M9 4H8a3 3 0 00-3 3v2.5a2.5 2.5 0 01-2 2.5 2.5 2.5 0 012 2.5V17a3 3 0 003 3h1M15 4h1a3 3 0 013 3v2.5a2.5 2.5 0 002 2.5 2.5 2.5 0 00-2 2.5V17a3 3 0 01-3 3h-1" />,
  projections: <path d="M12 3.5l9 4.5-9 4.5L3 8l9-4.5zM3 12.5l9 4.5 9-4.5M3 16.5l9 4.5 9-4.5" />,
  compliance: <path d="M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6l8-3zM8.5 12l2.5 2.5 4.5-5" />,
  audit: (
    <>
      <rect x="5" y="3.5" width="14" height="17" rx="2" />
      <path d="M9 8.5h6M9 12h6M9 15.5h3.5" />
    </>
  ),
  users: (
    <>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6M16 4.8a3.5 3.5 0 010 6.4M18.5 14.4c1.9.8 3 2.8 3 5.6" />
    </>
  ),
  settings: (
    <>
      <path d="M4 7h9M17 7h3M4 17h3M11 17h9" />
      <circle cx="15" cy="7" r="2" />
      <circle cx="9" cy="17" r="2" />
    </>
  ),
};

/** The glyph for one navigation item; decorative, since the link text names the place. */
export function NavIcon({ name }: { name: NavIconName }) {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor"
      strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {GLYPHS[name]}
    </svg>
  );
}
