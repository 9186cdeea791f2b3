import { formatCount } from "../format";

/** Events per hour for people; rates under ten keep a decimal ("0.4", not "0"). */
export function formatRate(perHour: number): string {
  return perHour < 10 ? perHour.toFixed(1) : formatCount(perHour);
}
