export interface DataTableColumn {
  key: string;
  label: string;
}

interface ChartDataTableProps {
  caption: string;
  /** header of the first column, the one naming each row */
  rowHeader: string;
  columns: DataTableColumn[];
  rows: { label: string; values: Record<string, string | number> }[];
  testId?: string;
}

/**
 * A chart's numbers as a table, behind a disclosure: the chart's fallback for anyone who cannot
 * read the picture, or wants the exact figures.
 */
export function ChartDataTable({ caption, rowHeader, columns, rows, testId }: ChartDataTableProps) {
  return (
    <details className="chart-table" data-testid={testId}>
      <summary>Show the numbers as a table</summary>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {columns.map((c) => (
                <th scope="col" key={c.key}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {columns.map((c) => (
                  <td key={c.key}>{row.values[c.key]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
