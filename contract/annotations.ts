// Annotations over HTTP: timestamped notes and tags on a recording.
import { z } from 'zod';
import { activityUserSchema } from './activities';

const annotationFields = {
  /** Seconds from the start of the recording, within its duration. */
  startSeconds: z.number().min(0, 'must be 0 or more'),
  /** Optional end of a range: after startSeconds, within the duration. */
  endSeconds: z.number().nullable(),
  text: z.string().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
  tags: z
    .array(z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters'))
    .max(10, 'at most 10 tags'),
};

export const annotationInputSchema = z.object({
  ...annotationFields,
  endSeconds: annotationFields.endSeconds.default(null),
  tags: annotationFields.tags.default([]),
});
export type AnnotationInput = z.input<typeof annotationInputSchema>;

export const annotationPatchSchema = z.object(annotationFields).partial();

export const annotationSchema = z.object({
  id: z.string(),
  activityId: z.string(),
  ...annotationFields,
  author: activityUserSchema,
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Annotation = z.infer<typeof annotationSchema>;
