/** Plain-text rendering helpers shared by the CLI commands. */

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 || unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

export function formatNumber(value: number, digits = 1): string {
  return Number.isInteger(value) && Math.abs(value) < 1e6 ? String(value) : value.toFixed(digits);
}

/** A value with its CloudWatch unit, in the form people read. */
export function formatValue(value: number, unit: string): string {
  switch (unit) {
    case 'Percent':
      return `${value.toFixed(1)}%`;
    case 'Bytes':
      return formatBytes(value);
    case 'Bytes/Second':
      return `${formatBytes(value)}/s`;
    case 'Count/Second':
      return `${formatNumber(value)}/s`;
    case 'Milliseconds':
      return `${formatNumber(value)}ms`;
    case 'Seconds':
      return `${formatNumber(value, 0)}s`;
    default:
      return formatNumber(value, 2);
  }
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Left-aligned columns separated by two spaces; the first row is the header. */
export function table(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function labelsText(labels: Readonly<Record<string, string>>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(',') : '-';
}
