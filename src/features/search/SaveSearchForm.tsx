// "Save search": names the current search so it shows on the home page with its new hits.
import { useId, useState } from 'react';
import { Button } from '../../components/Button';
import { useSaveSearch } from './api';
import { ErrorMessage } from '../../components/ErrorMessage';

export function SaveSearchForm({ query }: { query: string }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const save = useSaveSearch();
  const id = useId();

  if (!open) {
    return (
      <>
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Save search
        </Button>
        {save.isSuccess && (
          <p role="status" className="text-sm text-emerald-800">
            Saved “{save.data.name}”: it is on your home page.
          </p>
        )}
      </>
    );
  }
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(
          { name, query },
          {
            onSuccess: () => {
              setOpen(false);
              setName('');
            },
          },
        );
      }}
    >
      <label htmlFor={id} className="text-sm text-slate-700">
        Name
      </label>
      <input
        id={id}
        value={name}
        required
        maxLength={100}
        // The form opened because the user asked to name the search: typing the name comes next.
        autoFocus
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setOpen(false);
        }}
        className="w-48 rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900"
      />
      <Button type="submit" pending={save.isPending}>
        Save
      </Button>
      <Button variant="ghost" onClick={() => setOpen(false)}>
        Cancel
      </Button>
      <ErrorMessage error={save.error} className="w-full" />
    </form>
  );
}
