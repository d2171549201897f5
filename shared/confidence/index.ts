export { assessConfidence, currentRate, windowCountThreshold, DEFAULT_CONFIDENCE_OPTIONS } from './assess';
export type { AssessConfidenceInput } from './assess';
export { crossingTime, expectedCount, fitGoelOkumoto, likelihoodRegion, profileLogLikelihood } from './goel-okumoto';
export type { GoelOkumotoEstimate, GroupedCount, LikelihoodRegion } from './goel-okumoto';
export { garwoodInterval, weightedCountInterval } from './poisson';
export { laplaceTest } from './trend';
export { DEFAULT_SEVERITY_WEIGHTS, isoWeekLabel, isoWeekStart, weeklyCounts } from './weeks';
export type { ConfidenceInvestigation } from './weeks';
