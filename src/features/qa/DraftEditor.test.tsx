import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Evaluation, SaveDraft } from '../../../contract/evaluations';
import { renderRoutes } from '../../test/Rendering';
import { envelope, server } from '../../test/server';
import { DraftEditor } from './DraftEditor';
import { readLocalDraft, writeLocalDraft } from './local-draft';
import { evaluation } from '../../test/qa-data';

function renderEditor(draft: Evaluation = evaluation()) {
  return renderRoutes([{ path: '/', element: <DraftEditor evaluation={draft} autosaveDelayMs={200} /> }]);
}

/** Answers PUTs like the server: version + 1, the ratings as sent. */
function acceptSaves(sent: SaveDraft[], base: Evaluation = evaluation()) {
  server.use(
    http.put('/api/evaluations/40', async ({ request }) => {
      const body = (await request.json()) as SaveDraft;
      sent.push(body);
      return envelope({
        ...base,
        version: body.version + 1,
        ratings: body.ratings,
        updatedAt: new Date(Date.now() + 1000).toISOString(),
      });
    }),
  );
}

const saveStatus = () => within(screen.getByRole('form')).getAllByRole('status').at(-1)!;

beforeEach(() => localStorage.clear());

describe('DraftEditor', () => {
  it('shows the score live as criteria are rated, and a critical failure', async () => {
    acceptSaves([]);
    renderEditor();
    const user = userEvent.setup();
    const score = screen.getByText('Score').closest('p')!;
    expect(score).toHaveTextContent('Score —');

    await user.click(within(screen.getByRole('radiogroup', { name: /Greeting/ })).getByLabelText('2 of 3'));
    expect(score).toHaveTextContent('Score 50%');
    await user.click(
      within(screen.getByRole('radiogroup', { name: /Verifies identity/ })).getByLabelText('Pass'),
    );
    expect(score).toHaveTextContent('Score 75%');
    await user.click(
      within(screen.getByRole('radiogroup', { name: /Verifies identity/ })).getByLabelText('Fail'),
    );
    expect(score).toHaveTextContent('Score 0%');
    expect(screen.getByText('Critical failure')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Submit evaluation' })).toBeEnabled();
  });

  it('saves once after a pause, with the version it started from, and then says so', async () => {
    const sent: SaveDraft[] = [];
    acceptSaves(sent);
    renderEditor();
    const user = userEvent.setup();
    await user.click(within(screen.getByRole('radiogroup', { name: /Greeting/ })).getByLabelText('3 of 3'));
    await user.click(
      within(screen.getByRole('radiogroup', { name: /Verifies identity/ })).getByLabelText('N/A'),
    );
    expect(saveStatus()).toHaveTextContent('Saving…');
    await waitFor(() => expect(saveStatus()).toHaveTextContent('All changes saved'));
    expect(sent).toEqual([
      {
        version: 3,
        ratings: { greeting: { value: 3, comment: null }, identity: { value: 'na', comment: null } },
        overallComment: null,
      },
    ]);
    expect(readLocalDraft('40')).toBeNull();
  });

  it('on a stale write asks whose changes win: "Keep mine" saves mine over their version', async () => {
    const theirs = evaluation({ version: 5, ratings: { greeting: { value: 1, comment: 'theirs' } } });
    const sent: SaveDraft[] = [];
    server.use(
      http.put('/api/evaluations/40', async ({ request }) => {
        const body = (await request.json()) as SaveDraft;
        sent.push(body);
        if (body.version < 5) {
          return HttpResponse.json(
            { status: 409, description: 'Someone else saved first.', response_time: '', data: theirs },
            { status: 409 },
          );
        }
        return envelope({ ...theirs, version: 6, ratings: body.ratings });
      }),
    );
    renderEditor();
    const user = userEvent.setup();
    await user.click(within(screen.getByRole('radiogroup', { name: /Greeting/ })).getByLabelText('3 of 3'));
    const dialog = await screen.findByRole('dialog', { name: 'Someone else changed this evaluation' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep mine' }));
    await waitFor(() => expect(saveStatus()).toHaveTextContent('All changes saved'));
    expect(sent.at(-1)).toMatchObject({ version: 5, ratings: { greeting: { value: 3 } } });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('"Reload theirs" discards mine and shows their ratings', async () => {
    const theirs = evaluation({ version: 5, ratings: { greeting: { value: 1, comment: null } } });
    server.use(
      http.put('/api/evaluations/40', () =>
        HttpResponse.json(
          { status: 409, description: 'Stale.', response_time: '', data: theirs },
          { status: 409 },
        ),
      ),
    );
    renderEditor();
    const user = userEvent.setup();
    await user.click(within(screen.getByRole('radiogroup', { name: /Greeting/ })).getByLabelText('3 of 3'));
    const dialog = await screen.findByRole('dialog', { name: 'Someone else changed this evaluation' });
    await user.click(within(dialog).getByRole('button', { name: 'Reload theirs' }));
    const greeting = screen.getByRole('radiogroup', { name: /Greeting/ });
    expect(within(greeting).getByLabelText('1 of 3')).toBeChecked();
    expect(within(greeting).getByLabelText('3 of 3')).not.toBeChecked();
    expect(saveStatus()).toHaveTextContent('All changes saved');
    expect(readLocalDraft('40')).toBeNull();
  });

  it('offline: keeps the ratings on this device and saves them when the network is back', async () => {
    let online = false;
    const sent: SaveDraft[] = [];
    server.use(
      http.put('/api/evaluations/40', async ({ request }) => {
        if (!online) return HttpResponse.error();
        const body = (await request.json()) as SaveDraft;
        sent.push(body);
        return envelope({ ...evaluation(), version: body.version + 1, ratings: body.ratings });
      }),
    );
    renderEditor();
    const user = userEvent.setup();
    await user.click(within(screen.getByRole('radiogroup', { name: /Greeting/ })).getByLabelText('2 of 3'));
    await waitFor(() =>
      expect(saveStatus()).toHaveTextContent(
        'Offline — changes kept on this device, will save when back online',
      ),
    );
    expect(readLocalDraft('40')).toMatchObject({ baseVersion: 3, ratings: { greeting: { value: 2 } } });

    online = true;
    act(() => void window.dispatchEvent(new Event('online')));
    await waitFor(() => expect(saveStatus()).toHaveTextContent('All changes saved'));
    expect(sent).toHaveLength(1);
    expect(readLocalDraft('40')).toBeNull();
  });

  it('restores a local copy newer than the server’s and saves it', async () => {
    writeLocalDraft('40', {
      baseVersion: 3,
      ratings: { greeting: { value: 3, comment: 'kept locally' } },
      overallComment: 'from before the reload',
      changedAt: Date.parse('2026-03-14T10:05:00Z'),
    });
    const sent: SaveDraft[] = [];
    acceptSaves(sent);
    renderEditor();
    expect(
      within(screen.getByRole('radiogroup', { name: /Greeting/ })).getByLabelText('3 of 3'),
    ).toBeChecked();
    expect(screen.getByLabelText('Overall comment')).toHaveValue('from before the reload');
    await waitFor(() => expect(saveStatus()).toHaveTextContent('All changes saved'));
    expect(sent[0]).toMatchObject({ version: 3, overallComment: 'from before the reload' });
  });

  it('drops a local copy older than the server’s', () => {
    writeLocalDraft('40', {
      baseVersion: 2,
      ratings: { greeting: { value: 3, comment: null } },
      overallComment: null,
      changedAt: Date.parse('2026-03-14T09:00:00Z'),
    });
    renderEditor();
    expect(
      within(screen.getByRole('radiogroup', { name: /Greeting/ })).getByLabelText('3 of 3'),
    ).not.toBeChecked();
    expect(readLocalDraft('40')).toBeNull();
  });
});
