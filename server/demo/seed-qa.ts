// Demo scorecards: a support-call quality scorecard and a compliance checklist, created by the QA manager.
import type { ScorecardDefinition } from '../../contract/scorecards';
import type { Queryable } from '../db/database';
import { scorecardsRepo } from '../modules/qa/scorecards/repo';

type DemoCriterion = ScorecardDefinition['sections'][number]['criteria'][number];

const point = (
  id: string,
  title: string,
  description: string,
  extra: Partial<DemoCriterion> = {},
): DemoCriterion => ({
  id,
  title,
  description,
  scale: '5',
  weight: 1,
  allowNa: false,
  critical: false,
  ...extra,
});

export const DEMO_SCORECARDS: ScorecardDefinition[] = [
  {
    name: 'Video support call',
    description: 'Quality of a customer video support call, from greeting to wrap-up.',
    sections: [
      {
        id: 'opening',
        title: 'Opening',
        criteria: [
          point(
            'greeting',
            'Greeting and introduction',
            'Greets the customer, gives their name and the company’s.',
            {
              scale: '3',
            },
          ),
          point(
            'video-setup',
            'Camera and audio check',
            'Makes sure the customer can see and hear them clearly.',
            {
              scale: 'binary',
              allowNa: true,
              weight: 0.5,
            },
          ),
        ],
      },
      {
        id: 'discovery',
        title: 'Discovery',
        criteria: [
          point(
            'problem-understood',
            'Understands the problem',
            'Asks open questions and restates the issue.',
            {
              weight: 2,
            },
          ),
          point(
            'account-context',
            'Uses account context',
            'Checks the account and history instead of asking again.',
            {
              scale: '4',
            },
          ),
        ],
      },
      {
        id: 'resolution',
        title: 'Resolution',
        criteria: [
          point('correct-solution', 'Correct solution', 'The fix or answer is right and complete.', {
            weight: 3,
          }),
          point(
            'screen-share',
            'Shows rather than tells',
            'Uses screen sharing or the camera to walk through steps.',
            {
              scale: '3',
              allowNa: true,
            },
          ),
          point('first-contact', 'Resolved on first contact', 'No follow-up needed for this issue.', {
            scale: 'binary',
            weight: 2,
          }),
        ],
      },
      {
        id: 'communication',
        title: 'Communication',
        criteria: [
          point(
            'clarity',
            'Clear and jargon-free',
            'Explains in the customer’s words, checks understanding.',
          ),
          point('empathy', 'Empathy and tone', 'Acknowledges frustration; calm and friendly throughout.'),
        ],
      },
      {
        id: 'closing',
        title: 'Closing',
        criteria: [
          point('summary', 'Summarises next steps', 'Recaps what was done and what happens next.', {
            scale: '3',
          }),
          point('further-help', 'Offers further help', 'Asks whether there is anything else.', {
            scale: 'binary',
          }),
        ],
      },
    ],
  },
  {
    name: 'Compliance',
    description: 'Mandatory checks on every recorded call. A failed critical item fails the evaluation.',
    sections: [
      {
        id: 'security',
        title: 'Security',
        criteria: [
          point(
            'identity-verification',
            'Identity verification',
            'Verifies identity before discussing the account.',
            {
              scale: 'binary',
              weight: 3,
              critical: true,
            },
          ),
          point(
            'recording-disclosure',
            'Recording disclosure',
            'Tells the customer the call is recorded, at the start.',
            {
              scale: 'binary',
              weight: 3,
              critical: true,
            },
          ),
        ],
      },
      {
        id: 'data-handling',
        title: 'Data handling',
        criteria: [
          point(
            'no-card-numbers',
            'No card numbers on camera or aloud',
            'Payment details never repeated or shown.',
            {
              scale: 'binary',
              weight: 2,
              critical: true,
            },
          ),
          point('data-minimisation', 'Data minimisation', 'Asks only for the personal data needed.', {
            scale: '3',
          }),
          point(
            'screen-privacy',
            'Screen privacy',
            'Closes other customers’ data before sharing the screen.',
            {
              scale: 'binary',
              allowNa: true,
            },
          ),
        ],
      },
      {
        id: 'process',
        title: 'Process',
        criteria: [
          point(
            'consent-changes',
            'Consent for account changes',
            'Gets explicit consent before changing anything.',
            {
              scale: 'binary',
              allowNa: true,
              weight: 2,
            },
          ),
          point('case-notes', 'Accurate case notes', 'Notes match what was said and agreed.', { scale: '4' }),
        ],
      },
    ],
  },
];

/** Creates the demo scorecards (version 1 each); call inside the demo seed's transaction. */
export async function seedQa(tx: Queryable) {
  const { rows } = await tx.query<{ id: string }>(`select id::text as id from users where username = 'qa'`);
  const author = rows[0]!.id;
  for (const scorecard of DEMO_SCORECARDS) await scorecardsRepo(tx).insert(scorecard, author);
  return DEMO_SCORECARDS.length;
}
