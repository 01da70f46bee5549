/** The uptime engine: pure functions from state intervals and maintenance windows to figures. */
export * from './budget.js';
export * from './civil.js';
export * from './cron.js';
export * from './daily.js';
export * from './host-gap.js';
export * from './incidents.js';
export * from './maintenance.js';
export * from './ranges.js';
export * from './timeline.js';
export * from './timezones.js';
export * from './types.js';
export * from './uptime.js';
