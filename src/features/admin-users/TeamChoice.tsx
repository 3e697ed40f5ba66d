// Choosing a person's teams: a group of checkboxes named by its legend (each a tab stop, Space toggles),
// read back from the form it sits in with `chosenTeams`. Loading, failure and "no teams yet" are said in
// place, so the rest of the form stays usable.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { CheckboxField } from '../../components/FormField';
import { QueryErrorNotice } from '../../components/QueryErrorPanel';
import { SkeletonBlock } from '../../components/Skeleton';
import { teamsQueryOptions } from './api';

const FIELD = 'teams';

/** The ids of the teams checked in `form`. */
export function chosenTeams(form: FormData): string[] {
  return form.getAll(FIELD).map(String);
}

export function TeamChoice({ legend, checked = [] }: { legend: string; checked?: readonly string[] }) {
  const teams = useQuery(teamsQueryOptions());
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {teams.isPending ? (
        <div role="status" aria-label="Loading teams" className="mt-1.5">
          <SkeletonBlock className="h-5 w-48" />
        </div>
      ) : teams.isError ? (
        <QueryErrorNotice className="mt-1.5" title="The teams could not be loaded." query={teams} />
      ) : teams.data.length === 0 ? (
        <p className="mt-1.5 text-sm text-slate-600">
          No teams yet.{' '}
          <Link to="/admin/teams" className="font-medium text-brand-700 underline">
            Create one
          </Link>
          .
        </p>
      ) : (
        <div className="mt-1.5 flex flex-wrap gap-x-5 gap-y-2">
          {teams.data.map((team) => (
            <CheckboxField
              key={team.id}
              name={FIELD}
              value={team.id}
              label={team.name}
              defaultChecked={checked.includes(team.id)}
            />
          ))}
        </div>
      )}
    </fieldset>
  );
}
