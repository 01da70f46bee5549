/**
 * Questions put to the Discord bot: when, who (a keyed hash, never the Discord id), where, which intent,
 * how it ended and how long the answer took. `hostwatch inquiries` and the weekly report read them.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { type Db, tableExists } from './db.js';
import { MetaStore } from './meta.js';

export type InquirySource = 'mention' | 'dm' | 'channel' | 'slash';

/**
 * answered: the question got its answer. unknown: not understood (help was shown). refused: understood
 * but not done (a mutating command without the role, a secret, an impossible period). denied: asked
 * where the bot does not answer (DMs off). rate-limited: too many questions. error: the bot failed.
 */
export type InquiryOutcome = 'answered' | 'unknown' | 'refused' | 'denied' | 'rate-limited' | 'error';

export interface NewInquiry {
  at: number;
  source: InquirySource;
  /** The Discord user id; stored only as a keyed hash. */
  userId?: string;
  guildId?: string | null;
  channelId?: string | null;
  intent: string;
  outcome: InquiryOutcome;
  latencyMs?: number | null;
}

export interface InquiryRow {
  at: number;
  source: InquirySource;
  userHash: string | null;
  guildId: string | null;
  channelId: string | null;
  intent: string;
  outcome: InquiryOutcome;
  answered: boolean;
  latencyMs: number | null;
}

const SALT_KEY = 'inquiry-salt';

interface Row {
  at: number;
  source: InquirySource;
  user_hash: string | null;
  guild_id: string | null;
  channel_id: string | null;
  intent: string;
  outcome: InquiryOutcome;
  answered: number;
  latency_ms: number | null;
}

export class InquiryStore {
  private salt: string | undefined;

  constructor(private readonly db: Db) {}

  /** Read-only stores of an older schema have no table yet: then there is nothing to read. */
  private exists(): boolean {
    return tableExists(this.db, 'inquiries');
  }

  /** HMAC-SHA256 under a per-install random salt, shortened: counts distinct askers, reveals nobody. */
  hashUser(userId: string): string {
    if (this.salt === undefined) {
      const meta = new MetaStore(this.db);
      this.salt = meta.get<string>(SALT_KEY);
      if (this.salt === undefined) {
        this.salt = randomBytes(16).toString('hex');
        meta.set(SALT_KEY, this.salt);
      }
    }
    return createHmac('sha256', this.salt).update(userId).digest('hex').slice(0, 16);
  }

  record(inquiry: NewInquiry): void {
    this.db
      .prepare(
        `INSERT INTO inquiries (at, source, user_hash, guild_id, channel_id, intent, outcome, answered, latency_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        inquiry.at,
        inquiry.source,
        inquiry.userId === undefined ? null : this.hashUser(inquiry.userId),
        inquiry.guildId ?? null,
        inquiry.channelId ?? null,
        inquiry.intent,
        inquiry.outcome,
        inquiry.outcome === 'answered' ? 1 : 0,
        inquiry.latencyMs ?? null,
      );
  }

  /** Inquiries in [from, to), oldest first. */
  between(from: number, to: number): InquiryRow[] {
    if (!this.exists()) return [];
    const rows = this.db
      .prepare('SELECT * FROM inquiries WHERE at >= ? AND at < ? ORDER BY at, id')
      .all(from, to) as Row[];
    return rows.map((row) => ({
      at: row.at,
      source: row.source,
      userHash: row.user_hash,
      guildId: row.guild_id,
      channelId: row.channel_id,
      intent: row.intent,
      outcome: row.outcome,
      answered: row.answered === 1,
      latencyMs: row.latency_ms,
    }));
  }

  /** Deletes inquiries older than `before`; returns how many. */
  prune(before: number): number {
    return this.db.prepare('DELETE FROM inquiries WHERE at < ?').run(before).changes;
  }
}
