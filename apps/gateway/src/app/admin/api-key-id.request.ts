import { Matches } from 'class-validator';

export class ApiKeyIdRequest {
  @Matches(/^[0-9a-f]{16}$/, { message: 'keyId is 16 hex characters' })
  keyId!: string;
}
