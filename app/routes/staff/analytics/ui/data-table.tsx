import type { ReactNode } from 'react';

// Every figure table of the analytics pages: a caption, a header row (repeated on each
// printed page), a row header per row, and the total row last (in the body, so it prints once).

export interface TableRow {
  key: string | number;
  head: ReactNode;
  cells: ReactNode[];
  total?: boolean;
}

export function DataTable({ caption, columns, rows, empty, hideCaption, text }: {
  caption: string; columns: string[]; rows: TableRow[]; empty?: string; hideCaption?: boolean;
  /** Rows of sentences (decisions, findings) rather than figures: left-aligned, wrapping. */
  text?: boolean;
}) {
  if (rows.length === 0 && empty) return <p className="analytics-empty">{empty}</p>;
  return (
    <div className="table-wrap">
      <table className={`data-table figure-table${text ? ' figure-table--text' : ''}`}>
        <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>{columns.map((c, i) => <th key={i} scope="col">{c}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.total ? 'figure-table__total' : undefined}>
              <th scope="row">{r.head}</th>
              {r.cells.map((c, i) => <td key={i}>{c}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Key figures as a definition list. */
export function KeyFigures({ items, label }: { items: { term: string; value: ReactNode }[]; label: string }) {
  return (
    <dl className="key-figures" aria-label={label}>
      {items.map((item) => (
        <div key={item.term} className="key-figures__item">
          <dt>{item.term}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
