// Adding or changing an annotation inline: time (prefilled, editable), text, tags. Enter saves, Escape
// cancels; the server's objections (400) appear next to the field they are about.
import { useId, useState } from 'react';
import { Button } from '../../components/Button';
import type { AnnotationInput } from '../../../contract/annotations';
import { isApiError } from '../../lib/api-client';
import { formatDuration } from '../../lib/format';
import { parseTimeInput } from '../../lib/time-input';

type Field = 'time' | 'text' | 'tags' | 'form';

/** "text: must not be empty" → the text field; the server names the field first. */
function fieldOf(description: string): Field {
  const field = description.split(':')[0]?.trim() ?? '';
  if (field.startsWith('startSeconds') || field.startsWith('endSeconds')) return 'time';
  if (field.startsWith('text')) return 'text';
  if (field.startsWith('tags')) return 'tags';
  return 'form';
}

export function AnnotationForm({
  initial,
  submitLabel,
  onSave,
  onCancel,
}: {
  initial: { startSeconds: number; text: string; tags: string[] };
  submitLabel: string;
  onSave: (input: AnnotationInput) => Promise<unknown>;
  onCancel: () => void;
}) {
  const id = useId();
  const [time, setTime] = useState(formatDuration(initial.startSeconds));
  const [text, setText] = useState(initial.text);
  const [tags, setTags] = useState(initial.tags.join(', '));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saving, setSaving] = useState(false);

  async function save() {
    const startSeconds = parseTimeInput(time);
    const found: Partial<Record<Field, string>> = {};
    if (startSeconds === null) found.time = 'Enter a time like 1:23.';
    if (!text.trim()) found.text = 'Write what happens here.';
    setErrors(found);
    if (startSeconds === null || Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      await onSave({
        startSeconds,
        text: text.trim(),
        tags: tags
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
      });
    } catch (error) {
      const description = isApiError(error) ? error.description : 'The annotation could not be saved.';
      setErrors({ [isApiError(error) && error.status === 400 ? fieldOf(description) : 'form']: description });
    } finally {
      setSaving(false);
    }
  }

  const describedBy = (field: Field) => (errors[field] ? `${id}-${field}-error` : undefined);
  const fieldError = (field: Field) =>
    errors[field] && (
      <p id={`${id}-${field}-error`} className="mt-1 text-xs text-red-700">
        {errors[field]}
      </p>
    );
  const inputClass =
    'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:border-brand-600 aria-invalid:border-red-600';

  return (
    <form
      aria-label={submitLabel === 'Add' ? 'New annotation' : 'Edit annotation'}
      className="space-y-2 rounded-lg bg-slate-50 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <div className="grid grid-cols-[5rem_minmax(0,1fr)] gap-2">
        <div>
          <label htmlFor={`${id}-time`} className="block text-xs font-medium text-slate-700">
            Time
          </label>
          <input
            id={`${id}-time`}
            value={time}
            inputMode="numeric"
            aria-invalid={errors.time ? true : undefined}
            aria-describedby={describedBy('time')}
            onChange={(event) => setTime(event.target.value)}
            className={`${inputClass} tabular-nums`}
          />
        </div>
        <div>
          <label htmlFor={`${id}-text`} className="block text-xs font-medium text-slate-700">
            Note
          </label>
          <input
            id={`${id}-text`}
            value={text}
            autoFocus
            aria-invalid={errors.text ? true : undefined}
            aria-describedby={describedBy('text')}
            onChange={(event) => setText(event.target.value)}
            className={inputClass}
          />
        </div>
      </div>
      {fieldError('time')}
      {fieldError('text')}
      <div>
        <label htmlFor={`${id}-tags`} className="block text-xs font-medium text-slate-700">
          Tags <span className="font-normal text-slate-500">(comma-separated, optional)</span>
        </label>
        <input
          id={`${id}-tags`}
          value={tags}
          aria-invalid={errors.tags ? true : undefined}
          aria-describedby={describedBy('tags')}
          onChange={(event) => setTags(event.target.value)}
          className={inputClass}
        />
        {fieldError('tags')}
      </div>
      {errors.form && (
        <p role="alert" className="text-xs text-red-700">
          {errors.form}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" className="px-2.5 py-1" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" className="px-2.5 py-1" pending={saving}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
