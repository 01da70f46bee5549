import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideDiscord } from '../../../bot/component.js';
import { readDiscordToken, redact } from '../../../bot/token.js';
import { botConfig } from '../../helpers/bot-history.js';
import { tempDir } from '../../helpers/cli.js';

describe('whether the bot runs', () => {
  it('off when disabled, off without a token (saying how to give one), on with one', () => {
    expect(
      decideDiscord({ config: botConfig('discord: { enabled: false }\n'), env: { DISCORD_TOKEN: 'x' } }),
    ).toEqual({
      on: false,
      reason: 'discord.enabled is false',
    });
    expect(decideDiscord({ config: botConfig(), env: {} })).toEqual({
      on: false,
      reason: 'no bot token: set DISCORD_TOKEN or the systemd credential "discord-token"',
    });
    const on = decideDiscord({
      config: botConfig('discord: { apiBase: "https://user:secret@proxy.example/api", allowDMs: true }\n'),
      env: { DISCORD_TOKEN: 'x' },
    });
    expect(on).toEqual({
      on: true,
      reason:
        'answering in every server it is invited to, any channel, DMs from members; API https://proxy.example/api',
    });
  });

  it('reads the token from DISCORD_TOKEN, else the systemd credential; blank is no token', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'creds'));
    writeFileSync(join(dir, 'creds', 'discord-token'), '  from-credential\n');
    expect(readDiscordToken({ DISCORD_TOKEN: ' from-env ', CREDENTIALS_DIRECTORY: join(dir, 'creds') })).toBe(
      'from-env',
    );
    expect(readDiscordToken({ CREDENTIALS_DIRECTORY: join(dir, 'creds') })).toBe('from-credential');
    expect(
      readDiscordToken({ DISCORD_TOKEN: '   ', CREDENTIALS_DIRECTORY: join(dir, 'missing') }),
    ).toBeUndefined();
    writeFileSync(join(dir, 'creds', 'discord-token'), '\n');
    expect(readDiscordToken({ CREDENTIALS_DIRECTORY: join(dir, 'creds') })).toBeUndefined();
  });

  it('redacts the token from text about to be logged', () => {
    expect(redact('GET failed for Bot abcdefgh12345', 'abcdefgh12345')).toBe('GET failed for Bot [token]');
  });
});
