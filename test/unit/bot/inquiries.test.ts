import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../agent/store/db.js';
import { InquiryStore, type NewInquiry } from '../../../agent/store/inquiries.js';
import { summarizeInquiries } from '../../../bot/inquiry-summary.js';
import { tempDir } from '../../helpers/cli.js';

const day = (d: number, h = 12) => Date.UTC(2026, 10, d, h);

describe('inquiries', () => {
  it('stores a keyed hash of the user, never the id; the same user hashes the same', () => {
    const path = join(tempDir(), 'hostwatch.db');
    const db = openDatabase(path);
    const store = new InquiryStore(db);
    store.record({
      at: day(1),
      source: 'mention',
      userId: '123456789012345678',
      intent: 'uptime',
      outcome: 'answered',
      latencyMs: 12,
    });
    const [row] = store.between(0, day(30));
    expect(row?.userHash).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(db.prepare('SELECT * FROM inquiries').all())).not.toContain('123456789012345678');
    db.close();
    // The salt lives in the store: a restart keeps counting the same person once.
    const again = openDatabase(path);
    expect(new InquiryStore(again).hashUser('123456789012345678')).toBe(row?.userHash);
    expect(new InquiryStore(again).prune(day(2))).toBe(1);
    again.close();
  });

  it('a read-only store of an older schema reads as no inquiries', () => {
    const path = join(tempDir(), 'old.db');
    const db = openDatabase(path, {
      migrations: [
        {
          version: 1,
          description: 'meta',
          sql: 'CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);',
        },
      ],
    });
    db.close();
    const readonly = openDatabase(path, { readonly: true });
    expect(new InquiryStore(readonly).between(0, Date.now())).toEqual([]);
    readonly.close();
  });

  it('summarises per local day (zeros included) and per intent, with answer latency', () => {
    const db = openDatabase(join(tempDir(), 'hostwatch.db'));
    const store = new InquiryStore(db);
    const base: Omit<NewInquiry, 'at' | 'intent' | 'outcome'> = { source: 'slash', userId: 'a' };
    store.record({ ...base, at: day(1, 22), intent: 'uptime', outcome: 'answered', latencyMs: 10 }); // 23:00 Berlin: Nov 1
    store.record({ ...base, at: day(1, 23), intent: 'uptime', outcome: 'answered', latencyMs: 30 }); // 00:00 Berlin: Nov 2
    store.record({ ...base, userId: 'b', at: day(3), intent: 'unknown', outcome: 'unknown', latencyMs: 5 });
    store.record({ ...base, userId: 'b', at: day(3), intent: 'downtime', outcome: 'rate-limited' });
    const window = { from: Date.UTC(2026, 9, 31, 23), to: Date.UTC(2026, 10, 4, 23), label: 'test' };
    const summary = summarizeInquiries(store.between(window.from, window.to), window, 'Europe/Berlin');
    db.close();
    expect(summary).toMatchObject({
      total: 4,
      answered: 2,
      unanswered: 2,
      people: 2,
      latencyMs: { median: 10, p95: 30 },
    });
    expect(summary.byOutcome).toEqual({
      answered: 2,
      unknown: 1,
      refused: 0,
      denied: 0,
      'rate-limited': 1,
      error: 0,
    });
    expect(summary.perDay).toEqual([
      { date: '2026-11-01', total: 1, answered: 1 },
      { date: '2026-11-02', total: 1, answered: 1 },
      { date: '2026-11-03', total: 2, answered: 0 },
      { date: '2026-11-04', total: 0, answered: 0 },
    ]);
    expect(summary.perIntent).toEqual([
      { intent: 'uptime', total: 2, answered: 2 },
      { intent: 'downtime', total: 1, answered: 0 },
      { intent: 'unknown', total: 1, answered: 0 },
    ]);
  });
});
