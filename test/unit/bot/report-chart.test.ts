/** The weekly chart: colours against the SLO, text that never rounds up to 100%, and what resvg really draws. */
import { describe, expect, it } from 'vitest';
import {
  CELL_SIZE,
  CHART_COLORS,
  cellOrigin,
  cellText,
  classify,
  MAX_CHART_ROWS,
  weeklyChartSvg,
} from '../../../bot/report/chart.js';
import type { ReportDay, ReportService, WeeklyReport } from '../../../bot/report/content.js';
import { type RenderedChart, renderPng } from '../../../bot/report/png.js';
import { W47_DATES } from '../../helpers/bot-history.js';

function serviceOf(name: string, percents: Array<number | null>, planned: number[] = []): ReportService {
  const days: ReportDay[] = W47_DATES.map((date, i) => ({
    date,
    uptimePercent: percents[i] ?? null,
    downMs: 0,
    maintenanceMs: 0,
    planned: planned.includes(i),
  }));
  return {
    service: name,
    uptimePercent: 99.95,
    previousUptimePercent: null,
    sloMet: true,
    downMs: 0,
    degradedMs: 0,
    maintenanceMs: 0,
    unknownMs: 0,
    outageCount: 0,
    longestOutageMs: 0,
    mttrMs: null,
    budgetSpentPercent: 50,
    days,
  };
}

function reportOf(services: ReportService[]): WeeklyReport {
  return {
    host: 'web-1',
    week: '2026-W47',
    from: Date.UTC(2026, 10, 15, 23),
    to: Date.UTC(2026, 10, 22, 23),
    timeZone: 'Europe/Berlin',
    generatedAt: Date.UTC(2026, 10, 23, 8),
    complete: true,
    sloTarget: 99.9,
    verdict: 'met',
    summary: '',
    services,
    incidents: [],
    maintenance: [],
    nextMaintenance: null,
    questions: { total: 0, answered: 0, people: 0, topIntents: [] },
  };
}

function hex(image: RenderedChart, x: number, y: number): string {
  const offset = (Math.round(y) * image.width + Math.round(x)) * 4;
  return `#${[0, 1, 2].map((i) => (image.pixels[offset + i] as number).toString(16).padStart(2, '0')).join('')}`;
}

/** A point inside a cell away from its text (top-left corner area) and, for the strip, near its bottom. */
const cellPoint = (row: number, column: number) => {
  const { x, y } = cellOrigin(row, column);
  return { x: x + 6, y: y + 7 };
};
const stripPoint = (row: number, column: number) => {
  const { x, y } = cellOrigin(row, column);
  return { x: x + CELL_SIZE.width / 2, y: y + CELL_SIZE.height - 2 };
};

describe('weekly chart', () => {
  it('classifies against the SLO and ten times its budget', () => {
    expect(classify(null, 99.9)).toBe('none');
    expect(classify(99.9, 99.9)).toBe('met');
    expect(classify(99.89, 99.9)).toBe('below');
    expect(classify(99.0, 99.9)).toBe('below');
    expect(classify(98.99, 99.9)).toBe('far-below');
    expect(classify(96, 95)).toBe('met');
    expect(classify(60, 95)).toBe('below');
    expect(classify(49, 95)).toBe('far-below');
  });

  it('writes uptime floored, so only a perfect day says 100%', () => {
    expect(cellText(100)).toBe('100%');
    expect(cellText(99.9999)).toBe('99.99%');
    expect(cellText(99.166666)).toBe('99.16%');
    expect(cellText(5.55)).toBe('5.5%');
    expect(cellText(null)).toBe('–');
  });

  it('draws each cell in its class colour and the maintenance strip, as a real PNG', async () => {
    const report = reportOf([
      serviceOf('host', [100, 100, 100, 100, 100, 100, 100]),
      serviceOf('nginx', [100, 99.5, 100, 90, null, 100, 100], [2]),
    ]);
    const chart = weeklyChartSvg(report);
    const image = await renderPng(chart);
    expect(image.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(image.png.readUInt32BE(16)).toBe(chart.width); // IHDR width
    expect(image.png.readUInt32BE(20)).toBe(chart.height);
    const at = (p: { x: number; y: number }) => hex(image, p.x, p.y);
    expect(at(cellPoint(0, 0))).toBe(CHART_COLORS.met);
    expect(at(cellPoint(1, 1))).toBe(CHART_COLORS.below);
    expect(at(cellPoint(1, 3))).toBe(CHART_COLORS['far-below']);
    expect(at(cellPoint(1, 4))).toBe(CHART_COLORS.none);
    expect(at(stripPoint(1, 2))).toBe(CHART_COLORS.maintenance);
    expect(at(stripPoint(1, 0))).toBe(CHART_COLORS.met);
    expect(at(stripPoint(1, 7))).toBe(CHART_COLORS.maintenance); // the week had maintenance
    // Text is drawn (needs a system font): the cell's centre is not all cell colour.
    const { x, y } = cellOrigin(0, 0);
    const centre = new Set<string>();
    for (let dx = 20; dx < CELL_SIZE.width - 20; dx += 1)
      centre.add(hex(image, x + dx, y + CELL_SIZE.height / 2));
    expect(centre.size).toBeGreaterThan(1);
  });

  it('escapes names and caps the rows, counting the rest', () => {
    const many = Array.from({ length: MAX_CHART_ROWS + 3 }, (_, i) => serviceOf(`svc-${i}`, [100]));
    many[0] = serviceOf('<script>&"x"', [100]);
    const { svg } = weeklyChartSvg(reportOf(many));
    expect(svg).toContain('&lt;script&gt;&amp;&quot;x&quot;');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('and 3 more services');
    expect(svg).not.toContain(`svc-${MAX_CHART_ROWS}<`);
  });
});
