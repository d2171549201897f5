import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';
import {
  SEASONALITY_KINDS,
  type CreateMonitorRequest,
  type SeasonalityKind,
  type UpdateMonitorRequest,
} from '../../../shared/api/monitors';
import { MAX_SQL_LENGTH } from '../sources/sql-guard';

export class CreateMonitorDto implements CreateMonitorRequest {
  @IsUUID()
  sourceId: string;

  @IsString()
  @Length(1, 200)
  name: string;

  @IsString()
  @Length(1, MAX_SQL_LENGTH)
  sql: string;

  @IsString()
  @Length(9, 100)
  schedule: string;

  @IsOptional()
  @IsIn(SEASONALITY_KINDS)
  seasonality?: SeasonalityKind;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  sensitivity?: number;

  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  minChange?: number | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  evaluateLast?: number;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateMonitorDto implements UpdateMonitorRequest {
  @IsOptional()
  @IsUUID()
  sourceId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @IsString()
  @Length(1, MAX_SQL_LENGTH)
  sql?: string;

  @IsOptional()
  @IsString()
  @Length(9, 100)
  schedule?: string;

  @IsOptional()
  @IsIn(SEASONALITY_KINDS)
  seasonality?: SeasonalityKind;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  sensitivity?: number;

  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  minChange?: number | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  evaluateLast?: number;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class MonitorRunsQuery {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
