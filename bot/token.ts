/** The bot token: DISCORD_TOKEN, else the systemd credential $CREDENTIALS_DIRECTORY/discord-token. Never logged. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TOKEN_ENV = 'DISCORD_TOKEN';
const TOKEN_CREDENTIAL = 'discord-token';

export function readDiscordToken(env: NodeJS.ProcessEnv): string | undefined {
  const fromEnv = env[TOKEN_ENV]?.trim();
  if (fromEnv) return fromEnv;
  const dir = env.CREDENTIALS_DIRECTORY;
  if (!dir) return undefined;
  try {
    return readFileSync(join(dir, TOKEN_CREDENTIAL), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Replaces every occurrence of the token in a text that is about to be logged. */
export function redact(text: string, token: string | undefined): string {
  return token && token.length >= 8 ? text.split(token).join('[token]') : text;
}
