/** The features the daemon runs beside its loops; each file under its feature folder, one line here. */

import { createPagingComponent } from '../../alerting/component.js';
import { discordComponent } from '../../bot/component.js';
import { weeklyReportComponent } from '../../bot/report/component.js';
import { cloudwatchComponent } from '../exporters/cloudwatch/component.js';
import type { ComponentFactory } from './component.js';

export const componentFactories: readonly ComponentFactory[] = [
  cloudwatchComponent,
  () => createPagingComponent(),
  discordComponent,
  weeklyReportComponent,
];
