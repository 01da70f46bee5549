/**
 * The weekly report over a year of synthetic history (bench/uptime.ts's seed, 5 services): time to read the
 * report from the store, to draw the chart (SVG), to render it to PNG (resvg) and to build the whole Discord
 * message; the PNG's size.
 */
import { weekWindow } from '../agent/uptime/ranges.js';
import { weeklyChartSvg } from '../bot/report/chart.js';
import { readWeeklyReport } from '../bot/report/gather.js';
import { reportMessage } from '../bot/report/message.js';
import { renderPng } from '../bot/report/png.js';
import { summary } from './stats.js';
import { SERVICES, yearOfHistory } from './uptime.js';

export async function benchReport(options: { dir: string; repetitions?: number }) {
  const now = Date.UTC(2026, 10, 23, 8);
  const { db, config } = yearOfHistory(options.dir, 'report.db', now);
  const week = weekWindow('last', now, config.timezone);
  const source = { db, config, host: 'web-1', agentRunning: true };
  const read: number[] = [];
  const svg: number[] = [];
  const png: number[] = [];
  const message: number[] = [];
  let pngBytes = 0;
  for (let i = 0; i < (options.repetitions ?? 20); i++) {
    let t = performance.now();
    const report = readWeeklyReport(source, week, now);
    read.push(performance.now() - t);
    t = performance.now();
    const chart = weeklyChartSvg(report);
    svg.push(performance.now() - t);
    t = performance.now();
    pngBytes = (await renderPng(chart)).png.length;
    png.push(performance.now() - t);
    t = performance.now();
    await reportMessage(readWeeklyReport(source, week, now));
    message.push(performance.now() - t);
  }
  db.close();
  return {
    services: SERVICES.length,
    readReportMs: summary(read),
    chartSvgMs: summary(svg),
    renderPngMs: summary(png),
    wholeMessageMs: summary(message),
    pngBytes,
  };
}
