// The QA managers' pages, loaded as one chunk only by those who open them.
import { DisputesPage } from '../../features/disputes/DisputesPage';
import { ScorecardsPage } from '../../features/scorecards/ScorecardsPage';
import { QaManagersOnly } from './QaManagersOnly';

export function DisputesRoute() {
  return (
    <QaManagersOnly>
      <DisputesPage />
    </QaManagersOnly>
  );
}

export function ScorecardsRoute() {
  return (
    <QaManagersOnly>
      <ScorecardsPage />
    </QaManagersOnly>
  );
}
