import { Truncate } from "@/components/ui/truncate";
import { DataTable } from "@/components/ui/data-table";
import Link from "next/link";
import { categoryColor, type CategoryRanking } from "@/lib/category-palette";
import { formatBytes, formatCount, formatInteger } from "@/lib/format";
import { CategorySwatch } from "../ui/category-colors";

export type CategoryRow = { category: string; streams: number; events: number; bytes: number };

/** Streams, events and bytes per category, each linking to its streams; largest first, in the colours every page uses. */
export function CategoriesTable({ categories, ranking }: { categories: CategoryRow[]; ranking: CategoryRanking }) {
  const totalEvents = categories.reduce((sum, c) => sum + c.events, 0) || 1;
  return (
    <DataTable label="Categories">
      <thead>
        <tr>
          <th scope="col">Category</th>
          <th scope="col" className="num">
            Streams
          </th>
          <th scope="col" className="num">
            Events
          </th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col" className="share-col">
            <span className="visually-hidden">Share of events</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {categories.map((c) => {
          const share = (c.events / totalEvents) * 100;
          const color = categoryColor(c.category, ranking);
          return (
            <tr key={c.category}>
              <th scope="row" className="cell-strong">
                <span className="category-label">
                  <CategorySwatch color={color} />
                  <Truncate text={c.category} width="short">
                    <Link href={`/streams?category=${encodeURIComponent(c.category)}`}>{c.category}</Link>
                  </Truncate>
                </span>
              </th>
              <td className="num" title={formatInteger(c.streams)}>
                {formatCount(c.streams)}
              </td>
              <td className="num" title={formatInteger(c.events)}>
                {formatCount(c.events)}
              </td>
              <td className="num" title={`${formatInteger(c.bytes)} bytes`}>
                {formatBytes(c.bytes)}
              </td>
              <td className="share-col">
                <span className="share-bar" title={`${share.toFixed(1)} % of all events`}>
                  <span style={{ width: `${Math.max(share, 1)}%`, background: color }} />
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
