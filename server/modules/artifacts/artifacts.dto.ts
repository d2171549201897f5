import type { CaveatRecurrence } from '../../../shared/monitors/recurrence';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { isPresent, NotBlank } from '../../http/validate';
import { ARTIFACT_STATUSES, ARTIFACT_TYPES, type ArtifactStatus, type ArtifactType } from '../../../shared/api/enums';
import type { CreateArtifactRequest, CreateCaveatRequest, UpdateArtifactRequest } from '../../../shared/api/tickets';

export const MAX_CAVEAT_LENGTH = 2000;

export class CreateArtifactDto implements CreateArtifactRequest {
  @IsIn(ARTIFACT_TYPES)
  type: ArtifactType;

  @IsString()
  @Length(1, 200)
  @NotBlank()
  name: string;

  @IsOptional()
  @IsIn(ARTIFACT_STATUSES)
  status?: ArtifactStatus;

  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  /** checked against the type's fields by the service */
  @IsOptional()
  @IsObject()
  details?: Record<string, string>;

  @IsOptional()
  @IsUUID()
  ownerId?: string | null;
}

/** Every field optional; the non-nullable ones refuse an explicit null. The type never changes. */
export class UpdateArtifactDto implements UpdateArtifactRequest {
  @ValidateIf(isPresent)
  @IsString()
  @Length(1, 200)
  @NotBlank()
  name?: string;

  @ValidateIf(isPresent)
  @IsIn(ARTIFACT_STATUSES)
  status?: ArtifactStatus;

  @ValidateIf(isPresent)
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @ValidateIf(isPresent)
  @IsObject()
  details?: Record<string, string>;

  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  /** alternative to the If-Match header */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ArtifactListQuery {
  @IsOptional() @IsIn(ARTIFACT_TYPES) type?: ArtifactType;
  @IsOptional() @IsIn(ARTIFACT_STATUSES) status?: ArtifactStatus;
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @IsOptional() @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

export class CreateCaveatDto implements CreateCaveatRequest {
  @IsString()
  @Length(1, MAX_CAVEAT_LENGTH)
  @NotBlank()
  text: string;

  /** checked field by field by parseRecurrence (monitors/caveat-recurrence.ts) */
  @IsOptional()
  @IsObject()
  recurrence?: CaveatRecurrence;
}
