/** The top-level keys of the config contract (DESIGN.md): the example config and the JSON Schema both cover them. */
export const CONFIG_CONTRACT_KEYS = [
  'host',
  'timezone',
  'dataDir',
  'metrics',
  'services',
  'nginx',
  'tomcat',
  'slo',
  'maintenance',
  'cloudwatch',
  'alerting',
  'discord',
] as const;
