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
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { NOTIFICATION_KINDS } from '../../../shared/api/inbox';
import {
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_FORMATS,
  type WebhookFormat,
  WEBHOOK_SECRET_PREFIX,
  type CreateWebhookRequest,
  type UpdateWebhookRequest,
  type WebhookDeliveryStatus,
  type WebhookEventType,
} from '../../../shared/api/webhooks';
import { WEBHOOK_KEY_BYTES, whsecKey } from './webhook-signing';

/** A `whsec_` secret is a Standard Webhooks key; other text is a secret from before (webhook-signing.ts). */
@ValidatorConstraint({ name: 'standardWebhookSecret' })
class StandardWebhookSecret implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value !== 'string' || !value.startsWith(WEBHOOK_SECRET_PREFIX) || whsecKey(value) !== null;
  }

  defaultMessage(): string {
    return `secret starting with ${WEBHOOK_SECRET_PREFIX} must be the base64 of ${WEBHOOK_KEY_BYTES.min} to ${WEBHOOK_KEY_BYTES.max} bytes (Standard Webhooks)`;
  }
}

const DOMAIN_KEY = /^[A-Za-z][A-Za-z0-9]{1,9}$/;

/** require_tld off: receivers on localhost or an internal host name are legitimate. */
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class CreateWebhookDto implements CreateWebhookRequest {
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  url: string;

  @IsOptional()
  @IsString()
  @Length(16, 200)
  @Validate(StandardWebhookSecret)
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

  @IsOptional()
  @IsIn(WEBHOOK_FORMATS)
  format?: WebhookFormat;

  @IsOptional()
  @IsString()
  @Matches(DOMAIN_KEY, { message: 'domainKey must be a domain key like RET' })
  domainKey?: string | null;
}

export class UpdateWebhookDto implements UpdateWebhookRequest {
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(2000)
  url?: string;

  @IsOptional()
  @IsString()
  @Length(16, 200)
  @Validate(StandardWebhookSecret)
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

  @IsOptional()
  @IsString()
  @Matches(DOMAIN_KEY, { message: 'domainKey must be a domain key like RET' })
  domainKey?: string | null;
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
