/** The features the daemon runs beside its loops; each file under its feature folder, one line here. */
import type { ComponentFactory } from './component.js';

export const componentFactories: readonly ComponentFactory[] = [];
