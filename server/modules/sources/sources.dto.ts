import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import {
  SOURCE_KINDS,
  type CreateDataSourceRequest,
  type SourceKind,
  type SourceQueryRequest,
  type UpdateDataSourceRequest,
} from '../../../shared/api/monitors';
import { MAX_SQL_LENGTH } from './sql-guard';

export const MAX_STATEMENT_TIMEOUT_MS = 300_000;
export const MAX_ROW_LIMIT = 1_000_000;

export class CreateDataSourceDto implements CreateDataSourceRequest {
  @IsString()
  @Length(1, 100)
  name: string;

  @IsIn(SOURCE_KINDS)
  kind: SourceKind;

  @IsOptional()
  @IsString()
  @Length(1, 255)
  host?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  @IsOptional()
  @IsString()
  @Length(1, 255)
  database?: string;

  @IsOptional()
  @IsString()
  @Length(1, 255)
  user?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  password?: string;

  @IsOptional()
  @IsBoolean()
  ssl?: boolean;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  path?: string;

  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(MAX_STATEMENT_TIMEOUT_MS)
  statementTimeoutMs?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ROW_LIMIT)
  rowLimit?: number;
}

export class UpdateDataSourceDto implements UpdateDataSourceRequest {
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @IsOptional()
  @IsString()
  @Length(1, 255)
  host?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  @IsOptional()
  @IsString()
  @Length(1, 255)
  database?: string;

  @IsOptional()
  @IsString()
  @Length(1, 255)
  user?: string;

  /** null removes the stored password */
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @MaxLength(1000)
  password?: string | null;

  @IsOptional()
  @IsBoolean()
  ssl?: boolean;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  path?: string;

  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(MAX_STATEMENT_TIMEOUT_MS)
  statementTimeoutMs?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ROW_LIMIT)
  rowLimit?: number;
}

export class SourceQueryDto implements SourceQueryRequest {
  @IsString()
  @Length(1, MAX_SQL_LENGTH)
  sql: string;
}
