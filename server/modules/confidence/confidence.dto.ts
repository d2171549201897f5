import { IsNumber, IsOptional, Max, Min } from 'class-validator';
import type { UpdateSeverityWeightsRequest } from '../../../shared/api/confidence';

const finite = { allowNaN: false, allowInfinity: false };

/** PUT /settings/severity-weights: given severities are layered over the stored weights; 0 leaves a severity out. */
export class UpdateSeverityWeightsDto implements UpdateSeverityWeightsRequest {
  @IsOptional() @IsNumber(finite) @Min(0) @Max(100) critical?: number;
  @IsOptional() @IsNumber(finite) @Min(0) @Max(100) high?: number;
  @IsOptional() @IsNumber(finite) @Min(0) @Max(100) medium?: number;
  @IsOptional() @IsNumber(finite) @Min(0) @Max(100) low?: number;
}
