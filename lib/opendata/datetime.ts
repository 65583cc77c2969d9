/**
 * The `datetime` parameter of OGC API – Features Part 1 (/req/core/fc-time-definition): an RFC 3339
 * date-time, or an interval `start/end` whose open end is `..` or empty (not both). A full date
 * (`2025-03-01`) stands for that whole UTC day, and a date-time without fractional seconds for that
 * whole second, so an instant matches what it names at its own precision. The result is an interval
 * with inclusive ends (null: open); an invalid value is null, which the caller answers with a 400.
 */
export type DatetimeInterval = { start: Date | null; end: Date | null };

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** One RFC 3339 value as the inclusive interval [first, last] millisecond it covers, or null. */
export function parseInstant(raw: string): { first: Date; last: Date } | null {
  const date = DATE.exec(raw);
  if (date) {
    const [year, month, day] = date.slice(1, 4).map(Number) as [number, number, number];
    if (!validDate(year, month, day)) return null;
    const first = Date.UTC(year, month - 1, day);
    return { first: new Date(first), last: new Date(first + 86_400_000 - 1) };
  }
  const m = DATE_TIME.exec(raw);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = m[7];
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 60) return null;
  let offset = 0;
  if (!m[8]) {
    const [offHours, offMinutes] = [Number(m[10]), Number(m[11])];
    if (offHours > 23 || offMinutes > 59) return null;
    offset = (m[9] === "-" ? -1 : 1) * (offHours * 60 + offMinutes) * 60_000;
  }
  // A leap second (:60) is the last instant of its minute.
  const whole = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) - offset;
  if (!Number.isFinite(whole) || year < 1) return null;
  if (fraction === undefined) return { first: new Date(whole), last: new Date(whole + 999) };
  const millis = whole + Math.floor(Number(`0.${fraction}`) * 1000);
  return { first: new Date(millis), last: new Date(millis) };
}

export function parseDatetime(raw: string): DatetimeInterval | null {
  const value = raw.trim();
  const parts = value.split("/");
  if (parts.length === 1) {
    const instant = parseInstant(value);
    return instant && { start: instant.first, end: instant.last };
  }
  if (parts.length !== 2) return null;
  const [from, to] = parts as [string, string];
  const open = (part: string) => part === ".." || part === "";
  if (open(from) && open(to)) return null;
  const start = open(from) ? null : parseInstant(from);
  const end = open(to) ? null : parseInstant(to);
  if ((!open(from) && !start) || (!open(to) && !end)) return null;
  if (start && end && start.first.getTime() > end.last.getTime()) return null;
  return { start: start?.first ?? null, end: end?.last ?? null };
}
