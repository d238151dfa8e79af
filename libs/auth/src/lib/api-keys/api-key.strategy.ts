import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Principal } from '@pizza/contracts-common';
import { Strategy } from 'passport-custom';
import { ApiKeys } from './api-keys';

export const API_KEY_HEADER = 'x-api-key';

interface KeyedRequest {
  id?: string;
  /** The client address the gateway worked out (trusted proxy hops applied), as in every other audit line. */
  clientIp?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** `X-API-Key: pzk_<id>.<secret>` for machine clients; tried after the bearer token. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(private readonly keys: ApiKeys) {
    super();
  }

  /** false: no key sent (the guard answers 401); a bad key throws its own 401. */
  async validate(request: KeyedRequest): Promise<Principal | false> {
    const header = request.headers[API_KEY_HEADER];
    if (typeof header !== 'string' || !header) return false;
    return this.keys.authenticate(header, { requestId: request.id, ip: request.clientIp });
  }
}
