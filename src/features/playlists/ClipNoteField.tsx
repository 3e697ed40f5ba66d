// The note a clip carries for the trainee, as every form that adds or changes a clip asks for it.
import { TextAreaField } from '../../components/FormField';

export function ClipNoteField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (note: string) => void;
  error?: string | undefined;
}) {
  return (
    <TextAreaField
      label="Note for the trainee"
      placeholder="What to watch for"
      maxLength={2000}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
    />
  );
}
