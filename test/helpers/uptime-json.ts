/** The documented JSON shapes of `hostwatch uptime`, `incidents` and `maintenance` (README "JSON outputs"). */
export interface BudgetJson {
  budgetMs: number;
  spentMs: number;
  remainingMs: number;
  spentPercent: number | null;
  windowBudgetMs: number;
  windowRemainingMs: number;
  exhausted: boolean;
}
export interface DayJson {
  date: string;
  uptimePercent: number | null;
  upMs: number;
  downMs: number;
  degradedMs: number;
  maintenanceMs: number;
  unknownMs: number;
}
export interface ServiceJson {
  service: string;
  uptimePercent: number | null;
  upMs: number;
  downMs: number;
  degradedMs: number;
  maintenanceMs: number;
  unknownMs: number;
  countedMs: number;
  outageCount: number;
  longestOutageMs: number;
  mttrMs: number | null;
  budget: BudgetJson;
  daily: DayJson[];
}
export interface WindowJson {
  from: number;
  to: number;
  fromIso: string;
  toIso: string;
  label: string;
  timeZone: string;
}
export interface MaintenanceJson {
  id: string;
  name: string;
  from: number;
  to: number;
  fromIso: string;
  toIso: string;
  services: string[] | 'all';
  source: 'config' | 'adhoc';
  reason?: string;
  status?: 'active' | 'upcoming' | 'past';
}
export interface UptimeJson {
  window: WindowJson;
  sloTarget: number;
  services: ServiceJson[];
  maintenance: MaintenanceJson[];
}
export interface IncidentJson {
  id: string;
  service: string;
  start: number;
  end: number | null;
  startIso: string;
  endIso: string | null;
  durationMs: number;
  downMs: number;
  ongoing: boolean;
  planned: boolean;
  maintenanceMs: number;
  outages: number;
  cause: string | null;
}
export interface IncidentsJson {
  window: WindowJson;
  incidents: IncidentJson[];
}
export interface NextJson {
  window: MaintenanceJson | null;
  active: boolean;
  startsInMs: number | null;
  endsInMs: number | null;
}
