/**
 * The daemon's latest decision for each feature (on, or off and why), kept in meta so `hostwatch status` can
 * say what runs without anyone reading the log.
 */
import type { Db } from '../store/db.js';
import { MetaStore } from '../store/meta.js';
import type { Decision } from './component.js';

export const COMPONENTS_META_KEY = 'components';

export interface ComponentDecision extends Decision {
  name: string;
  decidedAt: number;
}

export function recordDecisions(db: Db, decisions: readonly ComponentDecision[]): void {
  new MetaStore(db).set(COMPONENTS_META_KEY, decisions);
}

export function readDecisions(db: Db): ComponentDecision[] | null {
  return new MetaStore(db).get<ComponentDecision[]>(COMPONENTS_META_KEY) ?? null;
}
