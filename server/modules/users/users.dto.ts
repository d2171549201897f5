import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsTimeZone,
  Matches,
  IsString,
  length as hasLength,
  Length,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import type {
  ChangePasswordRequest,
  CreateTokenRequest,
  CreateUserRequest,
  LoginRequest,
  UpdateProfileRequest,
  UpdateUserRequest,
} from '../../../shared/api/auth';
import { JSONSchema } from 'class-validator-jsonschema';
import { GLOBAL_ROLES, THEMES, type GlobalRole, type Theme } from '../../../shared/api/enums';
import { PASSWORD_MAX, PASSWORD_MIN, weakPasswordReason } from './password-policy';

function emailOf(args: ValidationArguments): string | undefined {
  const email = (args.object as { email?: unknown }).email;
  return typeof email === 'string' ? email : undefined;
}

/** A new password that is hard to guess and not made of the email (see password-policy.ts). */
@ValidatorConstraint({ name: 'strongPassword' })
class StrongPassword implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    // A wrong type or length has its own message already; one reason at a time is clearer.
    if (typeof value !== 'string' || !hasLength(value, PASSWORD_MIN, PASSWORD_MAX)) return true;
    return weakPasswordReason(value, emailOf(args)) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return `This password ${weakPasswordReason(String(args.value), emailOf(args))}.`;
  }
}

/** The schema of a validated string that may also be null, instead of the reflected `Object`. */
const nullableString: Parameters<typeof JSONSchema>[0] = (schema) => {
  const rest: Record<string, unknown> = { ...schema };
  delete rest.$ref;
  return { ...rest, type: ['string', 'null'] } as typeof schema;
};

const ZONE_MESSAGE = 'Time zone must be a zone name such as Europe/Paris or America/New_York.';

/** Names such as `Europe/Paris`, `America/Argentina/Buenos_Aires`, `Etc/GMT+5`, `UTC`; no offsets. */
const IANA_ZONE_NAME = /^(?:UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+){1,2})$/;

const TOO_SHORT = { message: `Password must be at least ${PASSWORD_MIN} characters long.` };
const TOO_LONG = { message: `Password must be at most ${PASSWORD_MAX} characters long.` };

export class LoginDto implements LoginRequest {
  @IsString()
  @MaxLength(320)
  email: string;

  @IsString()
  @MaxLength(PASSWORD_MAX)
  password: string;
}

/** The guessability rule needs the account's email, so the service checks it (changeOwnPassword). */
export class ChangePasswordDto implements ChangePasswordRequest {
  @IsString()
  @MaxLength(PASSWORD_MAX)
  currentPassword: string;

  @IsString()
  @MinLength(PASSWORD_MIN, { message: `New password must be at least ${PASSWORD_MIN} characters long.` })
  @MaxLength(PASSWORD_MAX, { message: `New password must be at most ${PASSWORD_MAX} characters long.` })
  newPassword: string;
}

export class CreateUserDto implements CreateUserRequest {
  @IsEmail()
  @MaxLength(320)
  email: string;

  @IsString()
  @Length(1, 200)
  name: string;

  @IsString()
  @MinLength(PASSWORD_MIN, TOO_SHORT)
  @MaxLength(PASSWORD_MAX, TOO_LONG)
  @Validate(StrongPassword)
  password: string;

  @IsIn(GLOBAL_ROLES)
  role: GlobalRole;
}

export class UpdateUserDto implements UpdateUserRequest {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @IsIn(GLOBAL_ROLES)
  role?: GlobalRole;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN, TOO_SHORT)
  @MaxLength(PASSWORD_MAX, TOO_LONG)
  @Validate(StrongPassword)
  password?: string;
}

/** `PATCH /me`: null time zone = the browser's own. */
export class UpdateProfileDto implements UpdateProfileRequest {
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'Name must be 1 to 200 characters long.' })
  name?: string;

  @IsOptional()
  @IsString({ message: ZONE_MESSAGE })
  @MaxLength(64, { message: ZONE_MESSAGE })
  @Matches(IANA_ZONE_NAME, { message: ZONE_MESSAGE })
  // a zone of the IANA database that this runtime's Intl knows (as every browser does)
  @IsTimeZone({ message: ZONE_MESSAGE })
  // IsTimeZone has no JSON Schema converter: say what the field is (null = the browser's zone)
  @JSONSchema(nullableString)
  timeZone?: string | null;

  @IsOptional()
  @IsIn(THEMES, { message: 'Theme must be light, dark or system.' })
  theme?: Theme;
}

export class CreateTokenDto implements CreateTokenRequest {
  @IsString()
  @Length(1, 200)
  name: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}

export class UserListQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

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
