// Database ids in paths and bodies: positive integers, carried as strings.
import { z } from './zod';

/** Database ids (scorecards, evaluations, activities, annotations…): positive integers, as strings. */
export const idSchema = z.string().check(z.regex(/^[1-9][0-9]{0,17}$/, 'must be a positive integer id'));
