import { Type } from 'class-transformer';
import { JSONSchema } from 'class-validator-jsonschema';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, ValidateNested } from 'class-validator';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../../shared/api/inbox';
import {
  NOTIFICATION_CHANNELS,
  type NotificationChannel,
  type UpdateNotificationPreferencesRequest,
} from '../../../shared/api/notification-preferences';

export class NotificationPreferenceDto {
  @IsIn(NOTIFICATION_KINDS)
  kind: NotificationKind;

  @IsIn(NOTIFICATION_CHANNELS)
  channel: NotificationChannel;
}

export class UpdateNotificationPreferencesDto implements UpdateNotificationPreferencesRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceDto)
  // The generator reads no class-transformer metadata: without this the items would be `Array`.
  @JSONSchema({ items: { $ref: '#/components/schemas/NotificationPreferenceDto' } })
  preferences: NotificationPreferenceDto[];
}
