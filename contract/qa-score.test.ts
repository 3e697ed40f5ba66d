// Property-based tests of the evaluation score (the same function the SPA runs live).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeScore,
  scaleRange,
  type RatingScale,
  type RatingValue,
  type ScoredCriterion,
} from './qa-score';

const scale = fc.constantFrom<RatingScale>('binary', '3', '4', '5');

/** A criterion with a valid rating on its scale (or N/A, or unrated). */
const ratedCriterion = fc
  .record({
    scale,
    weight: fc.double({ min: 0.01, max: 1000, noNaN: true }),
    critical: fc.boolean(),
    kind: fc.constantFrom('rated', 'rated', 'rated', 'na', 'unrated'),
    pick: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  })
  .map(({ scale, weight, critical, kind, pick }) => {
    const { min, max } = scaleRange(scale);
    const value: RatingValue =
      kind === 'na' ? 'na' : kind === 'unrated' ? null : min + Math.floor(pick * (max - min + 1));
    return { scale, weight, critical, value };
  });

const scorecard = fc.array(ratedCriterion, { minLength: 0, maxLength: 20 }).map((items) => ({
  criteria: items.map<ScoredCriterion>((item, index) => ({ id: `c${index}`, ...item })),
  ratings: Object.fromEntries(items.map((item, index) => [`c${index}`, item.value])),
}));

const isRated = (value: RatingValue | undefined): value is number => typeof value === 'number';

describe('computeScore', () => {
  it('is within 0–100, or null exactly when nothing is rated', () => {
    fc.assert(
      fc.property(scorecard, ({ criteria, ratings }) => {
        const score = computeScore(criteria, ratings);
        const anyRated = criteria.some((criterion) => isRated(ratings[criterion.id]));
        if (!anyRated) {
          expect(score).toBeNull();
          return;
        }
        expect(score).not.toBeNull();
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('does not depend on the order of the criteria', () => {
    fc.assert(
      fc.property(scorecard, fc.func(fc.integer()), ({ criteria, ratings }, order) => {
        const shuffled = [...criteria].sort((a, b) => order(a.id) - order(b.id));
        const a = computeScore(criteria, ratings);
        const b = computeScore(shuffled, ratings);
        if (a === null) {
          expect(b).toBeNull();
          return;
        }
        expect(b).toBeCloseTo(a, 9);
      }),
    );
  });

  it('is 100 only when every rated criterion has its top rating', () => {
    fc.assert(
      fc.property(scorecard, ({ criteria, ratings }) => {
        const allTop = criteria.every((criterion) => {
          const value = ratings[criterion.id];
          return !isRated(value) || value === scaleRange(criterion.scale).max;
        });
        const score = computeScore(criteria, ratings);
        if (score === null) return;
        expect(score === 100).toBe(allTop);
      }),
    );
  });

  it('is 0 when any critical criterion has a failing (lowest) rating', () => {
    fc.assert(
      fc.property(scorecard, ratedCriterion, ({ criteria, ratings }, extra) => {
        const failing: ScoredCriterion = {
          id: 'critical',
          scale: extra.scale,
          weight: extra.weight,
          critical: true,
        };
        const score = computeScore([...criteria, failing], {
          ...ratings,
          critical: scaleRange(extra.scale).min,
        });
        expect(score).toBe(0);
      }),
    );
  });

  it('does not change when an N/A or unrated criterion is added', () => {
    fc.assert(
      fc.property(
        scorecard,
        ratedCriterion,
        fc.constantFrom<RatingValue>('na', null),
        (card, extra, value) => {
          const added: ScoredCriterion = {
            id: 'added',
            scale: extra.scale,
            weight: extra.weight,
            critical: extra.critical,
          };
          expect(computeScore([...card.criteria, added], { ...card.ratings, added: value })).toBe(
            computeScore(card.criteria, card.ratings),
          );
        },
      ),
    );
  });

  it('does not change when every weight is multiplied by the same factor', () => {
    fc.assert(
      fc.property(
        scorecard,
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        ({ criteria, ratings }, factor) => {
          const scaled = criteria.map((criterion) => ({ ...criterion, weight: criterion.weight * factor }));
          const a = computeScore(criteria, ratings);
          const b = computeScore(scaled, ratings);
          if (a === null) {
            expect(b).toBeNull();
            return;
          }
          expect(b).toBeCloseTo(a, 6);
        },
      ),
    );
  });

  it('maps ratings linearly onto the scale: (r−1)/(n−1), binary pass 1 and fail 0', () => {
    const criteria: ScoredCriterion[] = [
      { id: 'five', scale: '5', weight: 1, critical: false },
      { id: 'pass', scale: 'binary', weight: 1, critical: false },
      { id: 'three', scale: '3', weight: 2, critical: false },
    ];
    // (0.75·1 + 1·1 + 0.5·2) / 4 = 0.6875
    expect(computeScore(criteria, { five: 4, pass: 1, three: 2 })).toBeCloseTo(68.75, 9);
    expect(computeScore(criteria, { five: 1, pass: 0, three: 1 })).toBe(0);
    expect(computeScore(criteria, { five: 'na', pass: null })).toBeNull();
  });
});
