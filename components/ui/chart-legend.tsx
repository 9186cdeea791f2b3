import { CategorySwatch } from "./category-colors";

/**
 * A chart's series and their colours, drawn as HTML under the chart so that long names wrap onto
 * more lines instead of running out of the chart's box at a phone's width. The chart's own text
 * summary carries the figures; this only says which colour is which.
 */
export function ChartLegend({ items }: { items: { key: string; name: string; color: string }[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {items.map((item) => (
        <li key={item.key}>
          <CategorySwatch color={item.color} /> {item.name}
        </li>
      ))}
    </ul>
  );
}
