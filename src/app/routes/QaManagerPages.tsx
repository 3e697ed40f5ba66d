// The QA managers' pages, loaded as one chunk only by those who open them.
import { mayManageScorecards, mayResolveDisputes } from '../../../contract/permissions';
import { DisputesPage } from '../../features/disputes/DisputesPage';
import { ScorecardsPage } from '../../features/scorecards/ScorecardsPage';
import { Permitted } from './Permitted';

export function DisputesRoute() {
  return (
    <Permitted allowed={mayResolveDisputes} who="Only administrators and QA managers resolve disputes.">
      <DisputesPage />
    </Permitted>
  );
}

export function ScorecardsRoute() {
  return (
    <Permitted allowed={mayManageScorecards} who="Only administrators and QA managers manage scorecards.">
      <ScorecardsPage />
    </Permitted>
  );
}
