/**
 * The weekly report's chart as SVG, pure: one row per service, one cell per local day plus the whole week,
 * coloured against the SLO (the status-page grid people know from Uptime Kuma and Statuspage), with the
 * uptime written in each cell and a blue strip under days that had planned maintenance.
 */
import { truncate } from '../../agent/text.js';
import { isoWeekday } from '../../agent/uptime/civil.js';
import type { WeeklyReport } from './content.js';

export type CellClass = 'met' | 'below' | 'far-below' | 'none';

export const CHART_COLORS: Readonly<Record<CellClass | 'maintenance', string>> = {
  met: '#2e9e5b',
  below: '#e3a008',
  'far-below': '#d64545',
  none: '#c4c8cc',
  maintenance: '#3b6fd0',
};

/** Rows drawn; further services are counted under the grid. */
export const MAX_CHART_ROWS = 12;

const PAD = 16;
const TITLE_H = 50;
const HEADER_H = 24;
const LABEL_W = 140;
const CELL_W = 78;
const CELL_H = 32;
const GAP = 4;
const WEEK_GAP = 14;
const LEGEND_H = 36;
const MAINTENANCE_STRIP = 5;
const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Below this a day spent over ten times its error budget: 99% for a 99.9% SLO (rounded: no 99.00000000000001). */
export function farBelowFloor(sloTarget: number): number {
  return Math.round((100 - 10 * (100 - sloTarget)) * 1e6) / 1e6;
}

/** Met the SLO; below it; below farBelowFloor; no data. */
export function classify(uptimePercent: number | null, sloTarget: number): CellClass {
  if (uptimePercent === null) return 'none';
  if (uptimePercent >= sloTarget) return 'met';
  return uptimePercent >= farBelowFloor(sloTarget) ? 'below' : 'far-below';
}

/** Floored, so 99.9996% never shows as 100%. */
export function cellText(uptimePercent: number | null): string {
  if (uptimePercent === null) return '–';
  if (uptimePercent >= 100) return '100%';
  const digits = uptimePercent >= 10 ? 2 : 1;
  const factor = 10 ** digits;
  return `${(Math.floor(uptimePercent * factor) / factor).toFixed(digits)}%`;
}

/** Top-left corner of a cell: `column` 0-6 are the days, 7 the whole week. */
export function cellOrigin(row: number, column: number): { x: number; y: number } {
  return {
    x: PAD + LABEL_W + column * (CELL_W + GAP) + (column === 7 ? WEEK_GAP : 0),
    y: PAD + TITLE_H + HEADER_H + row * (CELL_H + GAP),
  };
}

export const CELL_SIZE = { width: CELL_W, height: CELL_H, maintenanceStrip: MAINTENANCE_STRIP };

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

function dayHeader(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${WEEKDAYS[isoWeekday({ year, month, day }) - 1]} ${day}`;
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${x}" y="${y}" ${attributes}>${escapeXml(content)}</text>`;
}

function cell(x: number, y: number, percent: number | null, slo: number, maintenance: boolean): string {
  const kind = classify(percent, slo);
  const parts = [
    `<rect x="${x}" y="${y}" width="${CELL_W}" height="${CELL_H}" rx="4" fill="${CHART_COLORS[kind]}"/>`,
  ];
  if (maintenance)
    parts.push(
      `<rect x="${x}" y="${y + CELL_H - MAINTENANCE_STRIP}" width="${CELL_W}" height="${MAINTENANCE_STRIP}" fill="${CHART_COLORS.maintenance}"/>`,
    );
  const color = kind === 'none' ? '#3c4043' : '#ffffff';
  parts.push(
    text(
      x + CELL_W / 2,
      y + CELL_H / 2 + 4,
      cellText(percent),
      `text-anchor="middle" font-size="13" font-weight="bold" fill="${color}"`,
    ),
  );
  return parts.join('');
}

function legend(y: number, slo: number): string {
  const floor = farBelowFloor(slo);
  const items: Array<[string, string]> = [
    [CHART_COLORS.met, `≥ ${slo}% (SLO met)`],
    [CHART_COLORS.below, `below SLO`],
    [CHART_COLORS['far-below'], `below ${floor}%`],
    [CHART_COLORS.none, 'no data'],
    [CHART_COLORS.maintenance, 'planned maintenance'],
  ];
  let x = PAD;
  return items
    .map(([color, label]) => {
      const item = `<rect x="${x}" y="${y}" width="14" height="14" rx="2" fill="${color}"/>${text(x + 20, y + 11, label, 'font-size="12" fill="#3c4043"')}`;
      x += 34 + label.length * 7;
      return item;
    })
    .join('');
}

export interface Chart {
  svg: string;
  width: number;
  height: number;
}

export function weeklyChartSvg(report: WeeklyReport): Chart {
  const rows = report.services.slice(0, MAX_CHART_ROWS);
  const hidden = report.services.length - rows.length;
  const width = cellOrigin(0, 7).x + CELL_W + PAD;
  const gridBottom = cellOrigin(rows.length, 0).y + (hidden > 0 ? 20 : 0);
  const height = gridBottom + LEGEND_H + PAD;
  const firstDays = report.services[0]?.days ?? [];
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(
      PAD,
      PAD + 18,
      truncate(`${report.host} · uptime ${report.week}${report.complete ? '' : ' (so far)'}`, 70),
      'font-size="18" font-weight="bold" fill="#202124"',
    ),
    text(
      PAD,
      PAD + 40,
      truncate(
        `${firstDays[0]?.date ?? ''} to ${firstDays.at(-1)?.date ?? ''} (${report.timeZone}) · SLO ${report.sloTarget}% per week`,
        90,
      ),
      'font-size="12" fill="#5f6368"',
    ),
  ];
  const headerY = PAD + TITLE_H + HEADER_H - 8;
  firstDays.slice(0, 7).forEach((day, column) => {
    out.push(
      text(
        cellOrigin(0, column).x + CELL_W / 2,
        headerY,
        dayHeader(day.date),
        'text-anchor="middle" font-size="12" fill="#3c4043"',
      ),
    );
  });
  out.push(
    text(
      cellOrigin(0, 7).x + CELL_W / 2,
      headerY,
      'Week',
      'text-anchor="middle" font-size="12" font-weight="bold" fill="#3c4043"',
    ),
  );
  rows.forEach((service, row) => {
    const { y } = cellOrigin(row, 0);
    out.push(text(PAD, y + CELL_H / 2 + 5, truncate(service.service, 18), 'font-size="14" fill="#202124"'));
    service.days.slice(0, 7).forEach((day, column) => {
      const { x } = cellOrigin(row, column);
      out.push(cell(x, y, day.uptimePercent, report.sloTarget, day.planned));
    });
    const week = cellOrigin(row, 7);
    out.push(
      cell(
        week.x,
        week.y,
        service.uptimePercent,
        report.sloTarget,
        service.days.some((d) => d.planned),
      ),
    );
  });
  if (hidden > 0)
    out.push(
      text(
        PAD,
        gridBottom - 4,
        `and ${hidden} more service${hidden === 1 ? '' : 's'} (see the message)`,
        'font-size="12" fill="#5f6368"',
      ),
    );
  out.push(legend(gridBottom + 10, report.sloTarget), '</svg>');
  return { svg: out.join('\n'), width, height };
}
