import { servicePeriodCommand } from './service-period-command.js';

export const incidentsCommand = servicePeriodCommand({
  name: 'incidents',
  description: 'Outages in a period (default: the last 7 days)',
  intent: 'downtime',
  optionOrder: ['period', 'service'],
});
