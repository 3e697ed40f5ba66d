// Annotations over HTTP: timestamped notes and tags on a recording.
import { z } from './zod';
import { text } from './fields';
import { activityUserSchema } from './activities';

const annotationFields = {
  /** Seconds from the start of the recording, within its duration. */
  startSeconds: z.number().check(z.gte(0, 'must be 0 or more')),
  /** Optional end of a range: after startSeconds, within the duration. */
  endSeconds: z.nullable(z.number()),
  text: text().check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(2000, 'must be at most 2000 characters'),
  ),
  tags: z
    .array(
      text().check(
        z.trim(),
        z.minLength(1, 'must not be empty'),
        z.maxLength(40, 'must be at most 40 characters'),
      ),
    )
    .check(z.maxLength(10, 'at most 10 tags')),
};

export const annotationInputSchema = z.object({
  ...annotationFields,
  endSeconds: z._default(annotationFields.endSeconds, null),
  tags: z._default(annotationFields.tags, []),
});
export type AnnotationInput = z.input<typeof annotationInputSchema>;

export const annotationPatchSchema = z.partial(z.object(annotationFields));

export const annotationSchema = z.object({
  id: z.string(),
  activityId: z.string(),
  ...annotationFields,
  author: activityUserSchema,
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Annotation = z.infer<typeof annotationSchema>;
