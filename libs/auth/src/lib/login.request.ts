import { IsString, Length, Matches } from 'class-validator';

export class LoginRequest {
  @IsString()
  @Length(1, 64)
  username!: string;

  @IsString()
  @Length(1, 256)
  password!: string;
}

/** POST /v1/auth/refresh and /v1/auth/logout. */
export class RefreshRequest {
  @IsString()
  @Length(20, 128)
  @Matches(/^rt_[A-Za-z0-9_-]+$/, { message: 'refreshToken is not a refresh token' })
  refreshToken!: string;
}

export class LoginResponse {
  accessToken!: string;
  tokenType!: 'Bearer';
  /** Seconds. */
  expiresIn!: number;
  /** Single use: exchange it at POST /v1/auth/refresh for a new pair. */
  refreshToken!: string;
  /** Seconds. */
  refreshExpiresIn!: number;
}
