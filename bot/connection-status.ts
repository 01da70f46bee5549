/**
 * The bot's connection as `hostwatch status` shows it: written to meta by the session on every change
 * (no discord.js here, so the status command can read it without loading the client).
 */
import type { Db } from '../agent/store/db.js';
import { MetaStore } from '../agent/store/meta.js';

export const DISCORD_META_KEY = 'discord';

export type DiscordConnection =
  | { state: 'connecting'; at: number }
  | { state: 'connected'; at: number; user: string; guilds: number }
  | { state: 'retrying'; at: number; error: string; nextAttemptAt: number }
  | { state: 'refused'; at: number; error: string }
  | { state: 'stopped'; at: number };

export function recordConnection(db: Db, connection: DiscordConnection): void {
  new MetaStore(db).set(DISCORD_META_KEY, connection);
}

export function readConnection(db: Db): DiscordConnection | null {
  return new MetaStore(db).get<DiscordConnection>(DISCORD_META_KEY) ?? null;
}
