import { useEffect, useState } from "react";

/**
 * The value once it has stopped changing for `ms`: dragging the cursor across a long stream
 * would otherwise ask the server to fold a state for every version passed on the way.
 */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
