/** Plain-text helpers shared by renderers that must not load each other's dependencies (discord.js, resvg). */

/** At most `limit` characters; a cut text ends with "…". */
export function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
