/**
 * Answer text as typed pieces, so one answer renders safely both as Discord markdown and as plain text:
 * times become Discord timestamps (each reader sees their own zone) or local times in the config zone,
 * and text that came from a user is always neutralised before it is echoed.
 */

/** Discord timestamp styles: f = date and time, R = relative, D = date, t = time. */
export type TimeStyle = 'f' | 'R' | 'D' | 't';

export type Inline =
  /** Our own words (escaped for Discord all the same: service and host names may contain `_` or `*`). */
  | string
  | { strong: string }
  | { time: number; style: TimeStyle }
  | { code: string }
  /** Text a user typed, echoed back: shown as an inline code span, shortened. */
  | { user: string };

export type Rich = readonly Inline[];

export const strong = (text: string): Inline => ({ strong: text });
export const code = (text: string): Inline => ({ code: text });
export const echo = (text: string): Inline => ({ user: text });
export const at = (time: number, style: TimeStyle = 'f'): Inline => ({ time, style });
