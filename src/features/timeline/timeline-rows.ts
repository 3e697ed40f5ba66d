// The timeline as one flat list for the virtualizer: a day header before the first entry of each local day.
import type { RecordingEntry } from '../../api/activities';
import { localDayKey } from '../../lib/format';

export type TimelineRow =
  | { kind: 'day'; key: string; date: Date; count: number }
  | { kind: 'entry'; key: string; entry: RecordingEntry; date: Date };

/** Entries arrive newest first; a day's header counts the entries of that day loaded so far. */
export function timelineRows(entries: RecordingEntry[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let header: Extract<TimelineRow, { kind: 'day' }> | null = null;
  for (const entry of entries) {
    const date = new Date(entry.timestamp);
    const day = localDayKey(date);
    if (!header || header.key !== `day:${day}`) {
      // A day that shows up again (out of order) gets a second header rather than a wrong position.
      header = { kind: 'day', key: `day:${day}`, date, count: 0 };
      rows.push(header);
    }
    header.count++;
    rows.push({ kind: 'entry', key: entry.key, entry, date });
  }
  return ensureUniqueKeys(rows);
}

function ensureUniqueKeys(rows: TimelineRow[]): TimelineRow[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const times = seen.get(row.key) ?? 0;
    seen.set(row.key, times + 1);
    return times === 0 ? row : { ...row, key: `${row.key}#${times}` };
  });
}
