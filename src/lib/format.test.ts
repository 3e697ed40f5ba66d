import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDateTime,
  formatDayLabel,
  formatDuration,
  formatEstimate,
  formatRelativeTime,
  formatTime,
  localDayKey,
} from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [5, '0:05'],
    [59, '0:59'],
    [60, '1:00'],
    [61, '1:01'],
    [599, '9:59'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [3725, '1:02:05'],
    [36_000, '10:00:00'],
    [61.9, '1:01'],
  ])('%s seconds → %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });

  it.each([-1, -3600, Number.NaN, Number.POSITIVE_INFINITY])('%s → 0:00', (seconds) => {
    expect(formatDuration(seconds)).toBe('0:00');
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [10_240, '10 KB'],
    [10_700, '10 KB'],
    [9.95 * 1024, '10 KB'],
    [104_857_600, '100 MB'],
    [5.25 * 1024 * 1024, '5.3 MB'],
    [1_073_741_824, '1 GB'],
    [1023.7 * 1024, '1 MB'],
    [2 * 1024 ** 4, '2 TB'],
    [2048 * 1024 ** 4, '2048 TB'],
  ])('%s bytes → %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });

  it.each([-5, Number.NaN])('%s → 0 B', (bytes) => {
    expect(formatBytes(bytes)).toBe('0 B');
  });
});

describe('formatRelativeTime', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const at = (offsetSeconds: number) => new Date(now.getTime() + offsetSeconds * 1000);

  it.each([
    [0, 'just now'],
    [-30, 'just now'],
    [30, 'just now'],
    [-5 * 60, '5 minutes ago'],
    [-2 * 3600, '2 hours ago'],
    [2 * 3600, 'in 2 hours'],
    [-24 * 3600, 'yesterday'],
    [-3 * 86_400, '3 days ago'],
    [-14 * 86_400, '2 weeks ago'],
    [-90 * 86_400, '3 months ago'],
    [-800 * 86_400, '2 years ago'],
  ])('%s seconds → %s', (offset, expected) => {
    expect(formatRelativeTime(at(offset), now, 'en')).toBe(expected);
  });

  it('speaks the given locale', () => {
    expect(formatRelativeTime(at(-3 * 86_400), now, 'de')).toBe('vor 3 Tagen');
  });
});

describe('local dates and days', () => {
  // Built from local components, so the expectations hold in any time zone.
  const now = new Date(2026, 10, 25, 9, 30);

  it('labels today and yesterday by name and other days in full', () => {
    expect(formatDayLabel(new Date(2026, 10, 25, 0, 1), now, 'en-GB')).toBe('Today');
    expect(formatDayLabel(new Date(2026, 10, 24, 23, 59), now, 'en-GB')).toBe('Yesterday');
    expect(formatDayLabel(new Date(2026, 10, 23, 14, 5), now, 'en-GB')).toBe('Monday, 23 November 2026');
    expect(formatDayLabel(new Date(2026, 10, 23, 14, 5), now, 'en-US')).toBe('Monday, November 23, 2026');
  });

  it('knows yesterday across a month boundary', () => {
    expect(formatDayLabel(new Date(2026, 10, 30, 22, 0), new Date(2026, 11, 1, 8, 0), 'en-GB')).toBe(
      'Yesterday',
    );
  });

  it('keys days by the local calendar date', () => {
    expect(localDayKey(new Date(2026, 0, 5, 0, 0))).toBe('2026-01-05');
    expect(localDayKey(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('formats the local date and time', () => {
    expect(formatDateTime(new Date(2026, 10, 23, 14, 5), 'en-GB')).toBe('23 Nov 2026, 14:05');
    expect(formatTime(new Date(2026, 10, 23, 14, 5), 'en-GB')).toBe('14:05');
  });
});

describe('formatCount', () => {
  it('puts the noun in the plural for every count but one', () => {
    expect(formatCount(1, 'recording')).toBe('1 recording');
    expect(formatCount(0, 'recording')).toBe('0 recordings');
    expect(formatCount(12, 'conversation')).toBe('12 conversations');
  });
});

describe('formatEstimate', () => {
  it('rounds an estimate to two significant digits and says it is one', () => {
    expect(formatEstimate(188_412)).toBe('≈190,000');
    expect(formatEstimate(12_345)).toBe('≈12,000');
    expect(formatEstimate(149)).toBe('≈150');
    expect(formatEstimate(42)).toBe('≈42');
    expect(formatEstimate(0)).toBe('≈0');
  });
});
