// The filter sidebar: facet values with their counts (agents, teams, QA states, tags), dates, duration,
// score and critical failures. Every change goes into the URL, so Back undoes it.
import { useId, type ReactNode } from 'react';
import type { SearchFacets, SearchQaState } from '../../../contract/search';
import { Button } from '../../components/Button';
import { CheckboxField, TextField } from '../../components/FormField';
import { formatEstimate } from '../../lib/format';
import { SEARCH_PARAMS, toggledParam, withParam, type SearchParam } from './search-params';

const QA_LABELS: Record<SearchQaState, string> = {
  not_evaluated: 'Not evaluated',
  draft: 'My drafts',
  submitted: 'Evaluated',
  disputed: 'Disputed',
};

export function SearchFilters({
  params,
  facets,
  onChange,
}: {
  params: URLSearchParams;
  /** Counts for the current search; undefined while the first answer is on its way. */
  facets: SearchFacets | undefined;
  onChange: (next: URLSearchParams) => void;
}) {
  const selected = (name: SearchParam) => params.getAll(name);
  // Beyond 10 000 recordings the counts are scaled from a sample: shown rounded, as estimates.
  const count = (value: number | undefined) =>
    !facets ? '' : ` (${facets.estimated ? formatEstimate(value ?? 0) : (value ?? 0)})`;
  const agents = withSelected(
    facets?.agents.map((agent) => ({
      value: agent.username,
      label: `${agent.first_name} ${agent.last_name}`.trim() || agent.username,
      count: agent.count,
    })) ?? [],
    selected('agent'),
  );
  const teams = withSelected(
    facets?.teams.map((team) => ({ value: team.id, label: team.name, count: team.count })) ?? [],
    selected('team'),
  );
  const tags = withSelected(
    facets?.tags.map((tag) => ({ value: tag.value, label: `#${tag.value}`, count: tag.count })) ?? [],
    selected('tag'),
  );
  const qaCounts = new Map(facets?.qaStates.map((state) => [state.value, state.count]));
  const minutes = (name: SearchParam) => {
    const seconds = params.get(name);
    return seconds ? String(Number(seconds) / 60) : '';
  };
  const setMinutes = (name: SearchParam, value: string) =>
    onChange(withParam(params, name, value === '' ? '' : String(Math.round(Number(value) * 60))));
  const filtered = SEARCH_PARAMS.some((name) => name !== 'q' && name !== 'sort' && params.has(name));

  return (
    <div className="space-y-6">
      <FacetGroup title="Agent">
        {agents.map((agent) => (
          <CheckboxField
            key={agent.value}
            label={`${agent.label}${count(agent.count)}`}
            checked={selected('agent').includes(agent.value)}
            onChange={() => onChange(toggledParam(params, 'agent', agent.value))}
          />
        ))}
      </FacetGroup>
      <FacetGroup title="Team">
        {teams.map((team) => (
          <CheckboxField
            key={team.value}
            label={`${team.label}${count(team.count)}`}
            checked={selected('team').includes(team.value)}
            onChange={() => onChange(toggledParam(params, 'team', team.value))}
          />
        ))}
      </FacetGroup>
      <FacetGroup title="QA">
        {(Object.keys(QA_LABELS) as SearchQaState[]).map((state) => (
          <CheckboxField
            key={state}
            label={`${QA_LABELS[state]}${count(qaCounts.get(state))}`}
            checked={selected('qaState').includes(state)}
            onChange={() => onChange(toggledParam(params, 'qaState', state))}
          />
        ))}
        <CheckboxField
          label="Failed a critical criterion"
          checked={params.get('criticalFailed') === 'true'}
          onChange={(event) =>
            onChange(withParam(params, 'criticalFailed', event.target.checked ? 'true' : ''))
          }
        />
      </FacetGroup>
      {tags.length > 0 && (
        <FacetGroup title="Tag">
          {tags.map((tag) => (
            <CheckboxField
              key={tag.value}
              label={`${tag.label}${count(tag.count)}`}
              checked={params.get('tag') === tag.value}
              onChange={(event) => onChange(withParam(params, 'tag', event.target.checked ? tag.value : ''))}
            />
          ))}
        </FacetGroup>
      )}
      <FacetGroup title="Date">
        <div className="grid grid-cols-2 gap-2 lg:grid-cols-1">
          <TextField
            label="From"
            type="date"
            value={params.get('from') ?? ''}
            onChange={(event) => onChange(withParam(params, 'from', event.target.value))}
          />
          <TextField
            label="To"
            type="date"
            value={params.get('to') ?? ''}
            onChange={(event) => onChange(withParam(params, 'to', event.target.value))}
          />
        </div>
      </FacetGroup>
      <FacetGroup title="Duration (minutes)">
        <div className="grid grid-cols-2 gap-2">
          <CommittedNumber
            label="At least"
            value={minutes('minDuration')}
            onCommit={(v) => setMinutes('minDuration', v)}
          />
          <CommittedNumber
            label="At most"
            value={minutes('maxDuration')}
            onCommit={(v) => setMinutes('maxDuration', v)}
          />
        </div>
      </FacetGroup>
      <FacetGroup title="Score (%)">
        <div className="grid grid-cols-2 gap-2">
          <CommittedNumber
            label="At least"
            max={100}
            value={params.get('minScore') ?? ''}
            onCommit={(v) => onChange(withParam(params, 'minScore', v))}
          />
          <CommittedNumber
            label="At most"
            max={100}
            value={params.get('maxScore') ?? ''}
            onCommit={(v) => onChange(withParam(params, 'maxScore', v))}
          />
        </div>
      </FacetGroup>
      {filtered && (
        <Button
          variant="secondary"
          onClick={() => {
            const next = new URLSearchParams();
            for (const name of ['q', 'sort'] as const)
              if (params.get(name)) next.set(name, params.get(name)!);
            onChange(next);
          }}
        >
          Clear filters
        </Button>
      )}
    </div>
  );
}

interface FacetValue {
  value: string;
  label: string;
  count: number;
}

/** Selected values stay listed even when the current answer counts none of them. */
function withSelected(values: FacetValue[], selected: string[]): FacetValue[] {
  const missing = selected
    .filter((value) => !values.some((facet) => facet.value === value))
    .map((value) => ({ value, label: value, count: 0 }));
  return [...values, ...missing];
}

function FacetGroup({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <fieldset aria-labelledby={id} className="min-w-0">
      <legend id={id} className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {title}
      </legend>
      <div className="mt-2 flex flex-col gap-1.5">{children}</div>
    </fieldset>
  );
}

/** A number written into the URL when the user leaves the field or presses Enter, not at every digit. */
function CommittedNumber({
  label,
  value,
  max,
  onCommit,
}: {
  label: string;
  value: string;
  max?: number;
  onCommit: (value: string) => void;
}) {
  return (
    <TextField
      key={value}
      label={label}
      type="number"
      min={0}
      max={max}
      step="any"
      inputMode="decimal"
      defaultValue={value}
      onBlur={(event) => {
        if (event.target.value !== value && event.target.validity.valid) onCommit(event.target.value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.currentTarget.blur();
      }}
    />
  );
}
