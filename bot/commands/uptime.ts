import { servicePeriodCommand } from './service-period-command.js';

export const uptimeCommand = servicePeriodCommand({
  name: 'uptime',
  description: 'Uptime, downtime and error budget (default: this week, all services)',
  intent: 'uptime',
  optionOrder: ['service', 'period'],
});
