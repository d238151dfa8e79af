import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Role } from '@pizza/contracts-common';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { hashPassword, verifyPassword } from './password-hasher';

export interface UserRecord {
  id: string;
  username: string;
  roles: Role[];
  passwordHash: string;
}

/** Published demo accounts: refused in production by the config policy. */
const DEMO_USERS: ReadonlyArray<{ username: string; roles: Role[] }> = [
  { username: 'alice', roles: [Role.CUSTOMER] },
  { username: 'bob', roles: [Role.CUSTOMER] },
  { username: 'chef', roles: [Role.STAFF] },
  { username: 'admin', roles: [Role.ADMIN] },
];

/** Users the gateway can authenticate. In memory; a real deployment plugs in its identity store. */
@Injectable()
export class UserStore implements OnModuleInit {
  private readonly users = new Map<string, UserRecord>();
  /** Verified against when the user does not exist, so both paths cost one scrypt. */
  private dummyHash = '';

  constructor(@Inject(AUTH_OPTIONS) private readonly options: AuthOptions) {}

  async onModuleInit(): Promise<void> {
    this.dummyHash = await hashPassword('no-such-user');
    if (!this.options.demoUsers) return;
    for (const u of DEMO_USERS) {
      this.users.set(u.username, { id: u.username, username: u.username, roles: u.roles, passwordHash: await hashPassword(`${u.username}-pizza`) });
    }
  }

  async verify(username: string, password: string): Promise<UserRecord | undefined> {
    const user = this.users.get(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? this.dummyHash);
    return ok && user ? user : undefined;
  }
}
