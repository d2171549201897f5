import type { CaveatRecurrence } from '../../../shared/monitors/recurrence';
import { Transform } from 'class-transformer';
import {
  IsObject,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { fieldLabel, isPresent, NotBlank } from '../../http/validate';
import { INVESTIGATION_STATUSES, SEVERITIES, type InvestigationStatus, type Severity } from '../../../shared/api/enums';
import type {
  CreateInvestigationRequest,
  CreateRootCauseRequest,
  InvestigationTransitionRequest,
  UpdateInvestigationRequest,
  UpdateRootCauseRequest,
  UpdateTriageTargetsRequest,
} from '../../../shared/api/investigations';

const TEXT_MAX = 20_000;

export class CreateInvestigationDto implements CreateInvestigationRequest {
  @IsString()
  @Length(1, 300)
  @NotBlank()
  title: string;

  @IsString()
  @Length(1, TEXT_MAX)
  @NotBlank()
  observed: string;

  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  expected?: string;

  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsUUID()
  artifactId?: string | null;

  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;
}

export class UpdateInvestigationDto implements UpdateInvestigationRequest {
  @IsOptional()
  @IsString()
  @Length(1, 300)
  @NotBlank()
  title?: string;

  @IsOptional()
  @IsString()
  @Length(1, TEXT_MAX)
  @NotBlank()
  observed?: string;

  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  expected?: string;

  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsUUID()
  artifactId?: string | null;

  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;

  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsUUID()
  investigatorId?: string | null;

  /** alternative to the If-Match header */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export const TRANSITION_TARGETS = [...INVESTIGATION_STATUSES, 'reopened'] as const;

export class InvestigationTransitionDto implements InvestigationTransitionRequest {
  @IsIn(TRANSITION_TARGETS)
  to: InvestigationStatus | 'reopened';

  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;

  @IsOptional()
  @IsUUID()
  investigatorId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  rootCause?: string;

  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  resolution?: string;

  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  reason?: string;

  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  caveat?: string;

  /** checked field by field by parseRecurrence (monitors/caveat-recurrence.ts) */
  @IsOptional()
  @IsObject()
  caveatRecurrence?: CaveatRecurrence;

  /** dismissing: the investigation of the same domain this one duplicates (left out of the oddity counts) */
  @IsOptional()
  @IsInt()
  @Min(1)
  duplicateOf?: number;

  /** alternative to the If-Match header; optional for transitions */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** `a,b` or repeated query params → list. */
// Reads the raw query value: implicit conversion would already have mangled it.
const toList = ({ obj, key }: { obj: Record<string, unknown>; key: string }): unknown => {
  const value = obj[key];
  return value === undefined
    ? undefined
    : ([] as unknown[])
        .concat(value)
        .flatMap((v) => String(v).split(','))
        .map((v) => v.trim())
        .filter(Boolean);
};

export const INVESTIGATION_SORTS = ['-reportedAt', 'severity', 'status'] as const;
export type InvestigationSort = (typeof INVESTIGATION_SORTS)[number];

export class InvestigationListQuery {
  @IsOptional()
  @Transform(toList)
  @IsIn(INVESTIGATION_STATUSES, { each: true })
  status?: InvestigationStatus[];

  @IsOptional()
  @Transform(toList)
  @IsIn(SEVERITIES, { each: true })
  severity?: Severity[];

  @IsOptional()
  @Transform(toList)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  rootCause?: string[];

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9]{1,9}$/)
  domain?: string;

  /** a user id or `me` */
  @IsOptional()
  @Matches(/^(me|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/, {
    message: (args) => `${fieldLabel(args.property)} must be a user id or "me".`,
  })
  investigator?: string;

  @IsOptional()
  @Matches(/^(me|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/, {
    message: (args) => `${fieldLabel(args.property)} must be a user id or "me".`,
  })
  reporter?: string;

  @IsOptional()
  @Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
    const value = obj[key];
    return value === 'true' ? true : value === 'false' ? false : value;
  })
  @IsBoolean()
  overdue?: boolean;

  /** minimum days open */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  age?: number;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @IsOptional()
  @IsIn(INVESTIGATION_SORTS)
  sort?: InvestigationSort;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class OddityRateQuery {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(104)
  weeks?: number;
}

export const ROOT_CAUSE_KEY = /^[a-z][a-z0-9_]{1,39}$/;

export class CreateRootCauseDto implements CreateRootCauseRequest {
  @IsString()
  @Matches(ROOT_CAUSE_KEY, {
    message:
      'Key must be snake_case: a lower-case letter, then 1 to 39 lower-case letters, digits or _, such as stale_source.',
  })
  key: string;

  @IsString()
  @Length(1, 200)
  label: string;
}

export class UpdateRootCauseDto implements UpdateRootCauseRequest {
  @ValidateIf(isPresent)
  @IsString()
  @Length(1, 200)
  label?: string;

  @ValidateIf(isPresent)
  @IsBoolean()
  retired?: boolean;
}

export class RootCauseListQuery {
  @IsOptional()
  @IsString()
  @Matches(/^(true|false)$/)
  includeRetired?: string;
}

export class UpdateTriageTargetsDto implements UpdateTriageTargetsRequest {
  @IsOptional() @IsInt() @Min(1) @Max(365) critical?: number;
  @IsOptional() @IsInt() @Min(1) @Max(365) high?: number;
  @IsOptional() @IsInt() @Min(1) @Max(365) medium?: number;
  @IsOptional() @IsInt() @Min(1) @Max(365) low?: number;
}
