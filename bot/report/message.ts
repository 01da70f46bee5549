/** The Discord message of a weekly report: the embed (limits enforced by the shared renderer) and the chart as a PNG. */
import type { APIEmbed } from 'discord.js';
import { renderEmbed } from '../answers/render-discord.js';
import { reportAnswer } from './answer.js';
import { weeklyChartSvg } from './chart.js';
import type { WeeklyReport } from './content.js';
import { renderPng } from './png.js';

export interface ReportFile {
  name: string;
  data: Buffer;
  contentType: string;
}

export interface ReportMessage {
  body: {
    embeds: APIEmbed[];
    allowed_mentions: { parse: [] };
    attachments: Array<{ id: number; filename: string; description: string }>;
  };
  files: ReportFile[];
}

export const chartFileName = (report: WeeklyReport) =>
  `uptime-${report.host.replace(/[^\w.-]+/g, '_')}-${report.week}.png`;

export async function reportMessage(report: WeeklyReport): Promise<ReportMessage> {
  const name = chartFileName(report);
  const chart = await renderPng(weeklyChartSvg(report));
  const embed: APIEmbed = { ...renderEmbed(reportAnswer(report)), image: { url: `attachment://${name}` } };
  return {
    body: {
      embeds: [embed],
      allowed_mentions: { parse: [] },
      attachments: [{ id: 0, filename: name, description: `Daily uptime per service, ${report.week}` }],
    },
    files: [{ name, data: chart.png, contentType: 'image/png' }],
  };
}
