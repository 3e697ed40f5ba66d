// Formatting for people: durations, file sizes, local dates and times, relative times, day labels.
// `locale` defaults to the browser's; `now` is injectable so tests do not depend on the clock.

/** `m:ss`, or `h:mm:ss` from one hour on; anything not a finite, non-negative number is "0:00". */
export function formatDuration(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Binary steps (1024) labelled B, KB, MB, GB, TB: one decimal under 10, none from 10 on. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  let unit = 0;
  let value = bytes;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  let rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 1023.6 KB rounds to 1024 KB, which a person reads as 1 MB.
  if (rounded >= 1024 && unit < BYTE_UNITS.length - 1) {
    rounded = 1;
    unit++;
  }
  return `${rounded} ${BYTE_UNITS[unit]}`;
}

// Creating Intl formatters is slow; a timeline formats thousands of dates.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<Formatter extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  create: () => Formatter,
): Formatter {
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = create();
    formatters.set(key, formatter);
  }
  return formatter as Formatter;
}

const dateTimeFormat = (locale?: string) =>
  cached(
    `datetime:${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
  );
const timeFormat = (locale?: string) =>
  cached(`time:${locale}`, () => new Intl.DateTimeFormat(locale, { timeStyle: 'short' }));
const dayFormat = (locale?: string) =>
  cached(
    `day:${locale}`,
    () =>
      new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
  );
const relativeFormat = (locale?: string) =>
  cached(`relative:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));

/** Local date and time, e.g. "23 Nov 2026, 14:05". */
export function formatDateTime(date: Date, locale?: string): string {
  return dateTimeFormat(locale).format(date);
}

/** Local time of day, e.g. "14:05". */
export function formatTime(date: Date, locale?: string): string {
  return timeFormat(locale).format(date);
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 3600],
  ['day', 86_400],
  ['week', 7 * 86_400],
  ['month', 30 * 86_400],
  ['year', 365 * 86_400],
];

/** "just now", "5 minutes ago", "in 2 hours", "3 days ago", "last month" … */
export function formatRelativeTime(date: Date, now: Date = new Date(), locale?: string): string {
  const seconds = (date.getTime() - now.getTime()) / 1000;
  if (!Number.isFinite(seconds)) return '';
  if (Math.abs(seconds) < 45) return 'just now';
  let [unit, size] = RELATIVE_STEPS[0]!;
  for (const step of RELATIVE_STEPS) {
    if (Math.abs(seconds) >= step[1]) [unit, size] = step;
  }
  // "3 days ago", not "2.6 days ago": count whole units, rounding as a person would.
  return relativeFormat(locale).format(Math.round(seconds / size), unit);
}

/** The local calendar day of a date, e.g. "2026-11-23": equal keys mean the same day header. */
export function localDayKey(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** "Today", "Yesterday", or the full local date, e.g. "Monday, 23 November 2026". */
export function formatDayLabel(date: Date, now: Date = new Date(), locale?: string): string {
  const day = localDayKey(date);
  if (day === localDayKey(now)) return 'Today';
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (day === localDayKey(yesterday)) return 'Yesterday';
  return dayFormat(locale).format(date);
}

/** "1 recording", "3 recordings": a count with its noun, in English's regular plural. */
export function formatCount(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** An estimated count as a person would say it: two significant digits ("≈12,000"), small ones as they are. */
export function formatEstimate(count: number): string {
  return `≈${(count < 100 ? count : Number(count.toPrecision(2))).toLocaleString('en')}`;
}
