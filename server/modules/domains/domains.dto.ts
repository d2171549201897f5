import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
  ValidateNested,
} from 'class-validator';
import {
  DOMAIN_EVENT_KINDS,
  type CreateDomainRequest,
  type DomainEventKind,
  type PutMemberRequest,
  type RemoveMemberRequest,
  type UpdateDomainRequest,
} from '../../../shared/api/domains';
import { DOMAIN_ROLES, DOMAIN_STAGES, type DomainRole, type DomainStage } from '../../../shared/api/enums';
import { ThresholdsDto } from '../settings/settings.dto';
import { NotBlank } from '../../http/validate';

export const DOMAIN_KEY = /^[A-Z][A-Z0-9]{1,9}$/;

/** Query strings carry "true"/"false"; implicit conversion would make "false" true. */
const QueryBoolean = () =>
  Transform(({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
    const raw = obj[key];
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    return raw;
  });

export class CreateDomainDto implements CreateDomainRequest {
  @IsString()
  @Matches(DOMAIN_KEY, {
    message: 'Key must be 2 to 10 capital letters or digits, starting with a letter, such as RET.',
  })
  key: string;

  @IsString()
  @Length(1, 200)
  @NotBlank()
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @IsOptional()
  @IsBoolean()
  autoAdvance?: boolean;
}

export class UpdateDomainDto implements UpdateDomainRequest {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @NotBlank()
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @IsOptional()
  @IsBoolean()
  autoAdvance?: boolean;

  /** replaces the domain's threshold overrides; {} clears them (admins only) */
  @IsOptional()
  @ValidateNested()
  @Type(() => ThresholdsDto)
  thresholds?: ThresholdsDto;

  /** alternative to the If-Match header */
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

/** `attention`: at-risk, then stalled domains first, each group by name (the board's order). */
export const DOMAIN_SORTS = ['key', 'name', 'daysInPhase', 'updatedAt', 'attention'] as const;
export type DomainSort = (typeof DOMAIN_SORTS)[number];

export class DomainListQuery {
  @IsOptional() @IsIn(DOMAIN_STAGES) stage?: DomainStage;
  @IsOptional() @IsUUID() lead?: string;
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @IsOptional() @QueryBoolean() @IsBoolean() atRisk?: boolean;
  @IsOptional() @QueryBoolean() @IsBoolean() held?: boolean;
  @IsOptional() @QueryBoolean() @IsBoolean() stalled?: boolean;
  /** a sort key, `-key` for descending */
  @IsOptional() @IsIn([...DOMAIN_SORTS, ...DOMAIN_SORTS.map((s) => `-${s}`)]) sort?: string;
  @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  @IsOptional() @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @IsString() @MaxLength(400) cursor?: string;
}

export class PutMemberDto implements PutMemberRequest {
  @IsArray()
  @ArrayMaxSize(DOMAIN_ROLES.length)
  @IsIn(DOMAIN_ROLES, { each: true })
  roles: DomainRole[];

  /** an admin removing a role that already decided this round must say why */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reason?: string;
}

export class RemoveMemberDto implements RemoveMemberRequest {
  /** required of an admin removing a member who already decided this round */
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reason?: string;
}

export class DomainEventsQuery {
  @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  @IsOptional() @IsIn(DOMAIN_EVENT_KINDS) kind?: DomainEventKind;
  @IsOptional() @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
