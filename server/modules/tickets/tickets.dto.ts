import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
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
import { isPresent, NotBlank } from '../../http/validate';
import {
  PHASES,
  PRIORITIES,
  TICKET_KINDS,
  TICKET_STATUSES,
  type Phase,
  type Priority,
  type TicketKind,
  type TicketStatus,
} from '../../../shared/api/enums';
import type { CreateTicketRequest, UpdateTicketRequest } from '../../../shared/api/tickets';

export const MAX_LABELS = 20;
export const MAX_LABEL_LENGTH = 40;
export const MAX_TICKET_ARTIFACTS = 50;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
export class CreateTicketDto implements CreateTicketRequest {
  @IsIn(TICKET_KINDS)
  kind: TicketKind;

  @IsString()
  @Length(1, 300)
  @NotBlank()
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  body?: string;

  @IsOptional()
  @IsIn(PHASES)
  phase?: Phase;

  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @IsOptional()
  @Matches(DATE_ONLY, { message: 'Due date must be a date, such as 2026-12-31.' })
  @IsISO8601({ strict: true })
  dueDate?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LABELS)
  @IsString({ each: true })
  @Length(1, MAX_LABEL_LENGTH, { each: true })
  labels?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TICKET_ARTIFACTS)
  @IsUUID('all', { each: true })
  artifactIds?: string[];

  @IsOptional()
  @IsInt()
  @Min(1)
  investigationId?: number | null;
}

/** Every field optional; the non-nullable ones refuse an explicit null. */
export class UpdateTicketDto implements UpdateTicketRequest {
  @ValidateIf(isPresent)
  @IsIn(TICKET_KINDS)
  kind?: TicketKind;

  @ValidateIf(isPresent)
  @IsString()
  @Length(1, 300)
  @NotBlank()
  title?: string;

  @ValidateIf(isPresent)
  @IsString()
  @MaxLength(100_000)
  body?: string;

  @ValidateIf(isPresent)
  @IsIn(PHASES)
  phase?: Phase;

  @ValidateIf(isPresent)
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @ValidateIf(isPresent)
  @IsIn(PRIORITIES)
  priority?: Priority;

  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @IsOptional()
  @Matches(DATE_ONLY, { message: 'Due date must be a date, such as 2026-12-31.' })
  @IsISO8601({ strict: true })
  dueDate?: string | null;

  @ValidateIf(isPresent)
  @IsArray()
  @ArrayMaxSize(MAX_LABELS)
  @IsString({ each: true })
  @Length(1, MAX_LABEL_LENGTH, { each: true })
  labels?: string[];

  @ValidateIf(isPresent)
  @IsArray()
  @ArrayMaxSize(MAX_TICKET_ARTIFACTS)
  @IsUUID('all', { each: true })
  artifactIds?: string[];

  @IsOptional()
  @IsInt()
  @Min(1)
  investigationId?: number | null;

  /** alternative to the If-Match header */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export const TICKET_SORTS = ['number', '-number', 'priority', 'updatedAt', 'dueDate'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];
const STATUS_LIST = new RegExp(`^(${TICKET_STATUSES.join('|')})(,(${TICKET_STATUSES.join('|')}))*$`);
const ASSIGNEE = /^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export class TicketListQuery {
  @IsOptional() @IsIn(PHASES) phase?: Phase;
  /** one status or a comma-separated list */
  @IsOptional()
  @IsString()
  @Matches(STATUS_LIST, { message: `Status must be a comma-separated list of ${TICKET_STATUSES.join(', ')}.` })
  status?: string;
  @IsOptional() @IsIn(TICKET_KINDS) kind?: TicketKind;
  @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
  /** a user id, `me` or `none` */
  @IsOptional()
  @IsString()
  @Matches(ASSIGNEE, { message: 'Assignee must be a user id, "me" or "none".' })
  assignee?: string;
  @IsOptional() @IsString() @Length(1, MAX_LABEL_LENGTH) label?: string;
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @IsOptional() @IsIn(TICKET_SORTS) sort?: TicketSort;
  @IsOptional() @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}
