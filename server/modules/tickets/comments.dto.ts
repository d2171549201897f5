import { IsString, Length } from 'class-validator';
import { NotBlank } from '../../http/validate';
import type { CreateCommentRequest } from '../../../shared/api/tickets';

export const MAX_COMMENT_LENGTH = 20_000;

/** A comment on a ticket or an investigation: the one shape, the one rule. */
export class CreateCommentDto implements CreateCommentRequest {
  @IsString()
  @Length(1, MAX_COMMENT_LENGTH)
  @NotBlank()
  body: string;
}
