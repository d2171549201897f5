import { IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { SEARCH_KINDS, type SearchQuery } from '../../../shared/api/search';
import { NotBlank } from '../../http/validate';

const KIND_LIST = new RegExp(`^(${SEARCH_KINDS.join('|')})(,(${SEARCH_KINDS.join('|')}))*$`);

export class SearchQueryDto implements SearchQuery {
  @IsString()
  @Length(1, 200)
  @NotBlank()
  q: string;

  @IsOptional()
  @Matches(KIND_LIST, { message: `kinds must be a comma-separated list of ${SEARCH_KINDS.join(', ')}` })
  kinds?: string;

  @IsOptional() @IsInt() @Min(1) @Max(50) limit?: number;
  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}
