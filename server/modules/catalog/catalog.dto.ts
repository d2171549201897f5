import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { NotBlank } from '../../http/validate';
import { ARTIFACT_TYPES, type ArtifactType } from '../../../shared/api/enums';
import {
  TRUST_STATUSES,
  type CatalogQuery,
  type TrustStatus,
  type WeirdnessReportRequest,
} from '../../../shared/api/catalog';

const UUID_OR_ME = /^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export class CatalogQueryDto implements CatalogQuery {
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @IsOptional() @IsIn(ARTIFACT_TYPES) type?: ArtifactType;
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9]{1,9}$/, { message: 'domain must be a domain key like RET' })
  domain?: string;
  @IsOptional() @IsIn(TRUST_STATUSES) trust?: TrustStatus;
  @IsOptional() @Matches(UUID_OR_ME, { message: 'owner must be a user id or me' }) owner?: string;
  @IsOptional() @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

export class WeirdnessReportDto implements WeirdnessReportRequest {
  @IsString()
  @Length(1, 300)
  @NotBlank()
  title: string;

  @IsString()
  @Length(1, 20_000)
  @NotBlank()
  observed: string;

  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  expected?: string;

  /** rendered as a link: only web addresses */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(/^(https?:\/\/\S+)?$/i, { message: 'link must be an http(s) URL' })
  link?: string;
}

/** The badge URLs' query: the token (checked by the service, so any value answers the same 404). */
export class BadgeQuery {
  @IsOptional() @IsString() @MaxLength(200) token?: string;
}
