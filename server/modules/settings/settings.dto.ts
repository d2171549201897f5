import { IsInt, IsNumber, IsOptional, IsPositive, Max, Min } from 'class-validator';
import type { GateThresholds } from '../../../shared/workflow/types';

/**
 * A partial set of gate thresholds. Counts may be 0 (an admin can switch a minimum off, or allow
 * no new investigation at all); windows are at least one day.
 */
export class ThresholdsDto implements Partial<GateThresholds> {
  @IsOptional() @IsInt() @Min(0) @Max(1000) minProblemStatements?: number;
  @IsOptional() @IsInt() @Min(0) @Max(1000) minStakeholders?: number;
  @IsOptional() @IsInt() @Min(0) @Max(1000) minReadyMetrics?: number;
  @IsOptional() @IsInt() @Min(0) @Max(1000) minReadyDatasets?: number;
  @IsOptional() @IsInt() @Min(0) @Max(1000) minExampleAnalyses?: number;
  @IsOptional() @IsInt() @Min(0) @Max(1000) minHandoffSessions?: number;
  @IsOptional() @IsInt() @Min(0) @Max(1000) maxNewInvestigations?: number;
  @IsOptional() @IsInt() @Min(1) @Max(365) newInvestigationWindowDays?: number;
  /** weeks in the weirdness phase before its gate can pass; 0 switches the wait off */
  @IsOptional() @IsInt() @Min(0) @Max(104) minObservedWeeks?: number;
  /** oddities a week the rate's upper 90% bound must be at most (severity-weighted) */
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @IsPositive() @Max(100) targetOddityRate?: number;
  @IsOptional() @IsInt() @Min(1) @Max(365) stallDays?: number;
  @IsOptional() @IsInt() @Min(1) @Max(3650) certificationReviewDays?: number;
}

/** Only the keys that were given, so a partial never carries explicit undefineds into JSON. */
export function thresholdsOf(dto: ThresholdsDto): Partial<GateThresholds> {
  const out: Partial<GateThresholds> = {};
  for (const [key, value] of Object.entries(dto)) {
    if (typeof value === 'number') out[key as keyof GateThresholds] = value;
  }
  return out;
}
