import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { NotBlank } from '../../http/validate';
import type {
  AcknowledgeRiskRequest,
  GateAdditionKind,
  GateAdditionRequest,
  ReasonRequest,
  ReconfirmRequest,
  RecycleRequest,
  SignOffRequest,
  WaiverRequest,
} from '../../../shared/api/domains';

const GATE_ADDITION_KINDS: readonly GateAdditionKind[] = ['criterion', 'role'];
import {
  DOMAIN_ROLES,
  PHASES,
  SIGNOFF_DECISIONS,
  type DomainRole,
  type Phase,
  type SignOffDecision,
} from '../../../shared/api/enums';
import { CRITERION_KEYS } from '../../../shared/workflow/types';

export class SignOffDto implements SignOffRequest {
  @IsIn(SIGNOFF_DECISIONS)
  decision: SignOffDecision;

  /** required (non-blank) for a reject; checked in the service */
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  comment?: string;

  @IsOptional()
  @IsIn(DOMAIN_ROLES)
  role?: DomainRole;
}

export class RecycleDto implements RecycleRequest {
  @IsIn(PHASES)
  toPhase: Phase;

  @IsString()
  @Length(1, 5000)
  @NotBlank()
  reason: string;
}

export class ReasonDto implements ReasonRequest {
  @IsString()
  @Length(1, 5000)
  @NotBlank()
  reason: string;
}

/** Resuming or withdrawing may say why, but need not. */
export class OptionalReasonDto implements Partial<ReasonRequest> {
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reason?: string;
}

export class WaiverDto implements WaiverRequest {
  @IsIn(CRITERION_KEYS)
  criterion: string;

  @IsString()
  @Length(1, 5000)
  @NotBlank()
  reason: string;
}

export class GateAdditionDto implements GateAdditionRequest {
  @IsIn(GATE_ADDITION_KINDS)
  kind: GateAdditionKind;

  /** a criterion key or a domain role, checked against the catalog in the service */
  @IsString()
  @Length(1, 60)
  value: string;

  @IsString()
  @Length(1, 5000)
  @NotBlank()
  reason: string;

  @IsOptional()
  @IsIn(PHASES)
  phase?: Phase;
}

export class AcknowledgeRiskDto implements AcknowledgeRiskRequest {
  @IsString()
  @Length(1, 5000)
  @NotBlank()
  note: string;
}

export class ReconfirmDto implements ReconfirmRequest {
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  comment?: string;
}
