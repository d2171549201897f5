import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { CreateTokenRequest, CreateUserRequest, LoginRequest, UpdateUserRequest } from '../../../shared/api/auth';
import { GLOBAL_ROLES, type GlobalRole } from '../../../shared/api/enums';

/** Current guidance (NIST 800-63B): length matters, composition rules do not. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export class LoginDto implements LoginRequest {
  @IsString()
  @MaxLength(320)
  email: string;

  @IsString()
  @MaxLength(PASSWORD_MAX)
  password: string;
}

export class CreateUserDto implements CreateUserRequest {
  @IsEmail()
  @MaxLength(320)
  email: string;

  @IsString()
  @Length(1, 200)
  name: string;

  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
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
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password?: string;
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
