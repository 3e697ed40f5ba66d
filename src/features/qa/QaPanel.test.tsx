import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import type { RecordingEntry } from '../../api/activities';
import type { CurrentUser } from '../../../contract/auth';
import type { ReviewPlayerControls } from '../../lib/player-controls';
import { renderRoutes } from '../../test/Rendering';
import { envelope, errorEnvelope, server } from '../../test/server';
import { QaPanel } from './QaPanel';
import { annotation, dana, evaluation, quinn, scorecard } from '../../test/qa-data';

const recording = { id: '102', key: '102', objectId: '12', duration: 272 } as RecordingEntry;

function fakePlayer(at = 83): ReviewPlayerControls {
  return {
    currentTime: () => at,
    duration: () => 272,
    seek: vi.fn(),
    play: vi.fn(),
    pause: vi.fn(),
    paused: () => false,
    setMarkers: vi.fn(),
    setRange: vi.fn(),
    onMarkerClick: () => () => {},
    onTimeUpdate: () => () => {},
  };
}

function renderPanel(currentUser: CurrentUser, player = fakePlayer()) {
  renderRoutes([
    { path: '/', element: <QaPanel recording={recording} player={player} currentUser={currentUser} /> },
  ]);
  return player;
}

const submitted = evaluation({
  status: 'submitted',
  score: 100,
  submittedAt: '2026-03-14T11:00:00Z',
  ratings: { greeting: { value: 3, comment: 'Warm and clear' }, identity: { value: 1, comment: null } },
  overallComment: 'A model call.',
});

describe('QaPanel for an agent', () => {
  it('shows the submitted evaluation and needs a reason to dispute it', async () => {
    const disputes: unknown[] = [];
    server.use(
      http.get('/api/activities/102/evaluations', () => envelope([submitted])),
      http.get('/api/activities/102/annotations', () => envelope([])),
      http.get('/api/evaluations/40/history', () => envelope([])),
      http.post('/api/evaluations/40/dispute', async ({ request }) => {
        disputes.push(await request.json());
        return envelope({ ...submitted, status: 'disputed' });
      }),
    );
    renderPanel(dana);
    const user = userEvent.setup();
    const view = await screen.findByRole('article', { name: 'Evaluation by Quinn Avery' });
    expect(view).toHaveTextContent('Score 100%');
    expect(view).toHaveTextContent('Warm and clear');
    expect(view).toHaveTextContent('A model call.');
    expect(within(view).getByRole('button', { name: 'Acknowledge' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add note' })).toBeNull();

    await user.click(within(view).getByRole('button', { name: 'Dispute' }));
    await user.click(within(view).getByRole('button', { name: 'Send dispute' }));
    expect(within(view).getByText('Say what you disagree with.')).toBeInTheDocument();
    expect(disputes).toEqual([]);

    await user.type(within(view).getByLabelText('Why do you disagree?'), 'I did verify the caller.');
    await user.click(within(view).getByRole('button', { name: 'Send dispute' }));
    expect(disputes).toEqual([{ reason: 'I did verify the caller.' }]);
  });
});

describe('QaPanel for a reviewer', () => {
  it('puts their submitted evaluation first, and starting another after it', async () => {
    server.use(
      http.get('/api/activities/102/evaluations', () => envelope([submitted])),
      http.get('/api/activities/102/annotations', () => envelope([])),
      http.get('/api/evaluations/40/history', () => envelope([])),
      http.get('/api/scorecards', () => envelope([scorecard])),
    );
    renderPanel(quinn);
    const view = await screen.findByRole('article', { name: 'Evaluation by Quinn Avery' });
    const again = await screen.findByRole('form', { name: 'Start another evaluation' });
    expect(view.compareDocumentPosition(again) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(again).getByLabelText('Scorecard')).toHaveDisplayValue(scorecard.name);
    expect(within(again).getByRole('button', { name: 'Start another evaluation' })).toBeEnabled();
  });

  it('offers to start one first when they have not evaluated the recording', async () => {
    server.use(
      http.get('/api/activities/102/evaluations', () => envelope([])),
      http.get('/api/activities/102/annotations', () => envelope([])),
      http.get('/api/scorecards', () => envelope([scorecard])),
    );
    renderPanel(quinn);
    const start = await screen.findByRole('form', { name: 'Start an evaluation' });
    expect(screen.getByText('Not evaluated yet.')).toBeInTheDocument();
    expect(await within(start).findByRole('button', { name: 'Start evaluation' })).toBeEnabled();
  });
});

describe('QaPanel annotations', () => {
  function serveAnnotations() {
    const created: unknown[] = [];
    server.use(
      http.get('/api/activities/102/evaluations', () => envelope([])),
      http.get('/api/scorecards', () => envelope([])),
      http.get('/api/activities/102/annotations', () =>
        envelope([annotation('2', 95, 'Offers a refund'), annotation('1', 12, 'Greets <b>warmly</b>')]),
      ),
      http.post('/api/activities/102/annotations', async ({ request }) => {
        created.push(await request.json());
        return envelope(annotation('3', 83, 'New'), { status: 201 });
      }),
    );
    return created;
  }

  it('says why the annotations failed to load, and Retry loads them', async () => {
    let failing = true;
    server.use(
      http.get('/api/activities/102/evaluations', () => envelope([])),
      http.get('/api/scorecards', () => envelope([])),
      http.get('/api/activities/102/annotations', () =>
        failing
          ? errorEnvelope(503, 'Tapeline is busy. Try again shortly.')
          : envelope([annotation('1', 12, 'Greets warmly')]),
      ),
    );
    renderPanel(quinn);
    const alert = await screen.findByRole('alert', {}, { timeout: 3000 });
    expect(alert).toHaveTextContent('Couldn’t load the annotations.');
    expect(alert).toHaveTextContent('Tapeline is busy. Try again shortly.');
    failing = false;
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Retry' }));
    const list = await screen.findByRole('list', { name: 'Annotations' });
    expect(list).toHaveTextContent('Greets warmly');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('N opens the form at the current time, focused on the text; Enter saves', async () => {
    const created = serveAnnotations();
    const player = renderPanel(quinn, fakePlayer(83.4));
    const user = userEvent.setup();
    await screen.findByRole('list', { name: 'Annotations' });

    await user.keyboard('n');
    const form = screen.getByRole('form', { name: 'New annotation' });
    expect(within(form).getByLabelText('Time')).toHaveValue('1:23');
    expect(within(form).getByLabelText('Note')).toHaveFocus();
    // Typing an "n" into the note is text, not another annotation.
    await user.keyboard('Caller never named{Enter}');
    expect(created).toEqual([{ startSeconds: 83, text: 'Caller never named', tags: [] }]);
    expect(player.pause).not.toHaveBeenCalled();
  });

  it('N does nothing while typing elsewhere, and Escape closes the form', async () => {
    serveAnnotations();
    renderRoutes([
      {
        path: '/',
        element: (
          <>
            <input aria-label="Somewhere else" />
            <QaPanel recording={recording} player={fakePlayer()} currentUser={quinn} />
          </>
        ),
      },
    ]);
    const user = userEvent.setup();
    await screen.findByRole('list', { name: 'Annotations' });
    await user.type(screen.getByLabelText('Somewhere else'), 'n');
    expect(screen.queryByRole('form', { name: 'New annotation' })).toBeNull();

    await user.click(document.body);
    await user.keyboard('n');
    expect(screen.getByRole('form', { name: 'New annotation' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'New annotation' })).toBeNull();
  });

  it('lists annotations by time as text, marks them on the player, and a click seeks there', async () => {
    serveAnnotations();
    const player = renderPanel(quinn);
    const user = userEvent.setup();
    const list = await screen.findByRole('list', { name: 'Annotations' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('0:12');
    expect(items[0]).toHaveTextContent('Greets <b>warmly</b>');
    expect(items[1]).toHaveTextContent('1:35');
    expect(player.setMarkers).toHaveBeenLastCalledWith([
      { id: '1', start: 12, end: undefined, label: 'Greets <b>warmly</b>' },
      { id: '2', start: 95, end: undefined, label: 'Offers a refund' },
    ]);

    await user.click(within(list).getByRole('button', { name: /Go to 1:35/ }));
    expect(player.seek).toHaveBeenCalledWith(95);
  });
});
