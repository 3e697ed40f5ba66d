// The evaluation score: the same pure code the SPA runs live, so stored and shown scores agree.
export {
  computeScore,
  isFailing,
  isOnScale,
  normalisedRating,
  scaleRange,
  type RatingScale,
  type RatingValue,
  type ScoredCriterion,
} from '../../../contract/qa-score';
