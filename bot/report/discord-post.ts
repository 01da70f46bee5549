/**
 * Posts a report message through Discord's REST API (discord.js's REST client: rate limits honoured; no retries of
 * its own, the outbox retries), so the
 * report goes out whether or not the bot's gateway session is up. Failures become one plain sentence.
 */
import { redact } from '../token.js';
import type { ReportMessage } from './message.js';

export type PostReport = (channelId: string, message: ReportMessage) => Promise<{ messageId: string | null }>;

const HINTS: Record<number, string> = {
  401: 'Discord rejected the bot token: check DISCORD_TOKEN or the credential "discord-token"',
  403: 'the bot may not post there: give it View Channel, Send Messages, Embed Links and Attach Files in that channel',
  404: 'Discord does not know that channel: check discord.report.channel, and that the bot is in its server',
};

/** "HTTP 403 Missing Access: the bot may not post there: ..." (the token never appears). */
export function describePostError(error: unknown, token: string): string {
  const status = (error as { status?: unknown }).status;
  const message = (error as Error).message ?? String(error);
  const text = typeof status === 'number' ? `HTTP ${status} ${message}` : message;
  const hint = typeof status === 'number' ? HINTS[status] : undefined;
  return redact(hint ? `${text}: ${hint}` : text, token);
}

export async function discordReportPoster(apiBase: string, token: string): Promise<PostReport> {
  const { REST, Routes } = await import('discord.js');
  const rest = new REST({ api: apiBase, retries: 0, timeout: 30_000 }).setToken(token);
  return async (channelId, message) => {
    const posted = (await rest.post(Routes.channelMessages(channelId), {
      body: message.body,
      files: message.files,
    })) as { id?: string };
    return { messageId: posted.id ?? null };
  };
}
