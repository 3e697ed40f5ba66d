// The building blocks of request fields, bounded to what the database stores: text without NUL or
// unpaired surrogates (PostgreSQL's text and jsonb refuse them), whole numbers that fit their column,
// and dates that both PostgreSQL and JavaScript represent. Request schemas build their fields from these,
// and server/app.fuzz.test.ts feeds every field of every operation hostile values to keep it so.
import { z } from './zod';

const UNSTORABLE_TEXT = 'must not contain NUL characters or unpaired UTF-16 surrogates';

export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && value.isWellFormed();
}

/** Text a client sends; chain `.check(…)` for trimming, lengths and formats. */
export function text(options: { error?: string } = {}) {
  return z.string(options).check(z.refine(isStorableText, UNSTORABLE_TEXT));
}

export const INT32_MIN = -(2 ** 31);
export const INT32_MAX = 2 ** 31 - 1;

/** A whole number that fits a PostgreSQL `integer` column. */
export function int32(options: { error?: string } = {}) {
  return z
    .int(options)
    .check(
      z.gte(INT32_MIN, `must be at least ${INT32_MIN}`),
      z.lte(INT32_MAX, `must be at most ${INT32_MAX}`),
    );
}

/** True for an ISO-8601 date-time whose instant falls in the years 1–9999 (UTC). */
export function isStorableDate(value: string): boolean {
  const year = new Date(value).getUTCFullYear();
  return year >= 1 && year <= 9999;
}

/** An ISO-8601 date-time with an offset, between the years 1 and 9999. */
export function dateTime(options: { error?: string } = {}) {
  return z.iso
    .datetime({ offset: true, ...options })
    .check(z.refine(isStorableDate, 'must be a date between the years 1 and 9999'));
}
