import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Scorecard } from '../../../contract/scorecards';
import { envelope, errorEnvelope, server } from '../../test/server';
import { renderRoutes } from '../../test/Rendering';
import { ScorecardsPage } from './ScorecardsPage';

const at = '2026-11-23T14:05:00Z';
const support: Scorecard = {
  id: '1',
  name: 'Support call quality',
  description: 'For every support call.',
  version: 2,
  currentVersion: 2,
  archived: false,
  versionCreatedAt: at,
  versionCreatedBy: null,
  sections: [
    {
      id: 'opening',
      title: 'Opening',
      criteria: [
        {
          id: 'greeting',
          title: 'Greets',
          description: '',
          scale: 'binary',
          weight: 1,
          allowNa: false,
          critical: false,
        },
        {
          id: 'name',
          title: 'Says their name',
          description: '',
          scale: '3',
          weight: 2,
          allowNa: true,
          critical: false,
        },
      ],
    },
    {
      id: 'closing',
      title: 'Closing',
      criteria: [
        {
          id: 'summary',
          title: 'Summarises',
          description: '',
          scale: '5',
          weight: 1,
          allowNa: false,
          critical: true,
        },
      ],
    },
  ],
};
const archived: Scorecard = {
  ...support,
  id: '2',
  name: 'Old card',
  archived: true,
  currentVersion: 1,
  version: 1,
};

function answer() {
  const writes: { method: string; url: string; body: unknown }[] = [];
  server.use(
    http.get('/api/scorecards', ({ request }) =>
      envelope(new URL(request.url).searchParams.get('includeArchived') ? [support, archived] : [support]),
    ),
    http.get('/api/scorecards/1', () => envelope(support)),
  );
  return writes;
}

function renderPage(url = '/admin/scorecards') {
  return renderRoutes([{ path: '/admin/scorecards', element: <ScorecardsPage /> }], { url });
}

describe('ScorecardsPage', () => {
  it('lists scorecards with version, counts and state, archived ones on request', async () => {
    answer();
    renderPage();

    const table = await screen.findByRole('table', { name: 'Scorecards' });
    const row = within(table).getByRole('row', { name: /Support call quality/ });
    expect(row).toHaveTextContent('Version 2');
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(expect.arrayContaining(['2', '3', 'Active']));
    expect(within(table).queryByText('Old card')).not.toBeInTheDocument();

    await userEvent.setup().click(screen.getByRole('checkbox', { name: 'Show archived' }));
    expect(await within(table).findByRole('row', { name: /Old card/ })).toHaveTextContent('Archived');
  });

  it('creates a scorecard with sections and criteria, using only the keyboard', async () => {
    answer();
    let created: unknown;
    server.use(
      http.post('/api/scorecards', async ({ request }) => {
        created = await request.json();
        return envelope(
          { ...support, id: '3', name: 'Sales', version: 1, currentVersion: 1 },
          { status: 201 },
        );
      }),
    );
    renderPage();
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'New scorecard' }));
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveFocus();
    await user.keyboard('Sales');
    const section1 = screen.getByRole('group', { name: 'Section 1' });
    await user.type(within(section1).getByRole('textbox', { name: 'Section title' }), 'Discovery');
    await user.type(
      within(section1).getByRole('textbox', { name: 'Criterion title' }),
      'Asks open questions',
    );
    await user.selectOptions(within(section1).getByRole('combobox', { name: 'Scale' }), '3-point scale');
    await user.clear(within(section1).getByRole('spinbutton', { name: 'Weight' }));
    await user.type(within(section1).getByRole('spinbutton', { name: 'Weight' }), '2');
    await user.click(within(section1).getByRole('checkbox', { name: 'Allow N/A' }));

    await user.click(screen.getByRole('button', { name: 'Add section' }));
    const section2 = screen.getByRole('group', { name: 'Section 2' });
    expect(within(section2).getByRole('textbox', { name: 'Section title' })).toHaveFocus();
    await user.keyboard('Compliance');
    await user.type(
      within(section2).getByRole('textbox', { name: 'Criterion title' }),
      'Reads the disclaimer',
    );
    await user.click(within(section2).getByRole('checkbox', { name: /Critical/ }));
    // Compliance goes first.
    await user.click(within(section2).getByRole('button', { name: 'Move section 2 up' }));
    expect(
      within(screen.getByRole('group', { name: 'Section 1' })).getByRole('textbox', {
        name: 'Section title',
      }),
    ).toHaveValue('Compliance');

    await user.click(screen.getByRole('button', { name: 'Create scorecard' }));
    expect(await screen.findByText('“Sales” is created (version 1).')).toBeInTheDocument();
    expect(created).toEqual({
      name: 'Sales',
      description: '',
      sections: [
        {
          title: 'Compliance',
          criteria: [
            {
              title: 'Reads the disclaimer',
              description: '',
              scale: '5',
              weight: 1,
              allowNa: false,
              critical: true,
            },
          ],
        },
        {
          title: 'Discovery',
          criteria: [
            {
              title: 'Asks open questions',
              description: '',
              scale: '3',
              weight: 2,
              allowNa: true,
              critical: false,
            },
          ],
        },
      ],
    });
  });

  it('edits with the version it started from, keeping ids, and shows the new version', async () => {
    answer();
    let update: Record<string, unknown> | undefined;
    server.use(
      http.put('/api/scorecards/1', async ({ request }) => {
        update = (await request.json()) as Record<string, unknown>;
        return envelope({ ...support, name: 'Support v3', version: 3, currentVersion: 3 });
      }),
    );
    renderPage();
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Edit Support call quality' }));
    expect(await screen.findByText('version 2')).toBeInTheDocument();
    expect(screen.getByText(/Evaluations keep the version they were made with/)).toBeInTheDocument();
    await user.clear(screen.getByRole('textbox', { name: 'Name' }));
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Support v3');
    await user.click(screen.getByRole('button', { name: 'Publish version 3' }));

    expect(await screen.findByText('“Support v3” is saved as version 3.')).toBeInTheDocument();
    expect(update).toMatchObject({
      version: 2,
      name: 'Support v3',
      sections: [{ id: 'opening', criteria: [{ id: 'greeting' }, { id: 'name' }] }, { id: 'closing' }],
    });
  });

  it('explains a conflicting edit and reloads the current version', async () => {
    answer();
    let current = support;
    server.use(
      http.get('/api/scorecards/1', () => envelope(current)),
      http.put('/api/scorecards/1', () => {
        current = { ...support, name: 'Changed elsewhere', version: 3, currentVersion: 3 };
        return errorEnvelope(409, 'Scorecard 1 is at version 3, not 2.');
      }),
    );
    renderPage('/admin/scorecards?edit=1');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Publish version 3' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This scorecard was changed by someone else; reload');
    await user.click(within(alert).getByRole('button', { name: 'Reload' }));
    expect(await screen.findByRole('textbox', { name: 'Name' })).toHaveValue('Changed elsewhere');
    expect(screen.getByRole('button', { name: 'Publish version 4' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('checks names, titles and weights before sending: the message sits by the field, focus on the first', async () => {
    answer();
    const sent: unknown[] = [];
    server.use(
      http.post('/api/scorecards', async ({ request }) => {
        sent.push(await request.json());
        return envelope(support, { status: 201 });
      }),
    );
    renderPage('/admin/scorecards?edit=new');
    const user = userEvent.setup();

    const criterion = screen.getByRole('group', { name: 'Criterion 1.1' });
    await user.clear(within(criterion).getByRole('spinbutton', { name: 'Weight' }));
    await user.type(within(criterion).getByRole('spinbutton', { name: 'Weight' }), '0');
    await user.click(screen.getByRole('button', { name: 'Create scorecard' }));

    expect(sent).toEqual([]);
    const name = screen.getByRole('textbox', { name: 'Name' });
    expect(name).toHaveFocus();
    expect(name).toBeInvalid();
    expect(name).toHaveAccessibleDescription('Must not be empty.');
    expect(screen.getByRole('textbox', { name: 'Section title' })).toHaveAccessibleDescription(
      'Must not be empty.',
    );
    expect(within(criterion).getByRole('textbox', { name: 'Criterion title' })).toBeInvalid();
    const weight = within(criterion).getByRole('spinbutton', { name: 'Weight' });
    expect(weight).toBeInvalid();
    expect(weight).toHaveAccessibleDescription('Must be a positive number.');
    expect(screen.getByRole('alert')).toHaveTextContent('Check the scorecard: 4 fields need attention.');

    // Fixing a field clears its message.
    await user.type(name, 'Escalations');
    expect(name).toBeValid();
    expect(name).not.toHaveAccessibleDescription();
  });

  it('shows a 400 on the field it names and focuses it; what no field can show goes above Save', async () => {
    answer();
    const answers = [
      'sections.0.criteria.1.weight: must be a positive number',
      'sections.1.criteria.0.id: "summary" is used by another criterion.',
    ];
    server.use(http.put('/api/scorecards/1', () => errorEnvelope(400, answers.shift()!)));
    renderPage('/admin/scorecards?edit=1');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Publish version 3' }));
    const weight = within(screen.getByRole('group', { name: 'Criterion 1.2' })).getByRole('spinbutton', {
      name: 'Weight',
    });
    await waitFor(() => expect(weight).toHaveFocus());
    expect(weight).toBeInvalid();
    expect(weight).toHaveAccessibleDescription('Must be a positive number.');
    expect(screen.getByRole('alert')).toHaveTextContent('one field needs attention');

    await user.click(screen.getByRole('button', { name: 'Publish version 3' }));
    const summary = await screen.findByRole('alert');
    await waitFor(() =>
      expect(summary).toHaveTextContent('Criterion 2.1 (id): "summary" is used by another criterion.'),
    );
    expect(weight).toBeValid();
  });

  it('archives after a confirmation', async () => {
    answer();
    let archivedId: string | undefined;
    server.use(
      http.post('/api/scorecards/:id/archive', ({ params }) => {
        archivedId = String(params.id);
        return envelope({ ...support, archived: true });
      }),
    );
    renderPage();
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Archive Support call quality' }));
    const confirm = screen.getByRole('group', { name: 'Archive Support call quality?' });
    expect(within(confirm).getByRole('button', { name: 'Archive scorecard' })).toHaveFocus();
    expect(archivedId).toBeUndefined();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('“Support call quality” is archived.')).toBeInTheDocument();
    expect(archivedId).toBe('1');
  });
});
