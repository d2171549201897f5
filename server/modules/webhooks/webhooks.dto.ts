import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { NOTIFICATION_KINDS } from '../../../shared/api/inbox';
import {
  WEBHOOK_DELIVERY_STATUSES,
  type CreateWebhookRequest,
  type UpdateWebhookRequest,
  type WebhookDeliveryStatus,
  type WebhookEventType,
} from '../../../shared/api/webhooks';

/** require_tld off: receivers on localhost or an internal host name are legitimate. */
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class CreateWebhookDto implements CreateWebhookRequest {
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  url: string;

  @IsOptional()
  @IsString()
  @Length(16, 200)
  secret?: string;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @IsIn(NOTIFICATION_KINDS, { each: true })
  eventTypes: WebhookEventType[];

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateWebhookDto implements UpdateWebhookRequest {
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  url?: string;

  @IsOptional()
  @IsString()
  @Length(16, 200)
  secret?: string;

  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @IsIn(NOTIFICATION_KINDS, { each: true })
  eventTypes?: WebhookEventType[];

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class WebhookListQuery {
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

export class WebhookDeliveryQueryDto extends WebhookListQuery {
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;
}
