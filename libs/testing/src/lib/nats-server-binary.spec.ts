import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atLeast, findNatsServer, NATS_SERVER_MIN, parseNatsServerVersion } from './nats-server-binary';

describe('the nats-server the tests run', () => {
  it('reads the version nats-server prints, and compares it with the oldest accepted', () => {
    expect(parseNatsServerVersion('nats-server: v2.10.27\n')).toEqual([2, 10, 27]);
    expect(parseNatsServerVersion('command not found')).toBeUndefined();
    expect(atLeast([2, 10, 0], NATS_SERVER_MIN)).toBe(true);
    expect(atLeast([2, 11, 3], NATS_SERVER_MIN)).toBe(true);
    expect(atLeast([3, 0, 0], NATS_SERVER_MIN)).toBe(true);
    expect(atLeast([2, 9, 10], NATS_SERVER_MIN)).toBe(false);
    expect(atLeast([1, 12, 0], NATS_SERVER_MIN)).toBe(false);
  });

  it('finds one of at least 2.10 whatever PATH holds (Debian 12 has 2.9: then Debian 13’s, fetched and checked)', async () => {
    const bin = await findNatsServer({});
    const version = parseNatsServerVersion(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout);
    expect(version && atLeast(version, NATS_SERVER_MIN)).toBe(true);
  }, 180_000);

  it('refuses a NATS_SERVER_BIN older than 2.10, naming its version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'old-nats-'));
    try {
      const old = join(dir, 'nats-server');
      writeFileSync(old, '#!/bin/sh\necho "nats-server: v2.9.10"\n');
      chmodSync(old, 0o755);
      await expect(findNatsServer({ NATS_SERVER_BIN: old })).rejects.toThrow(`NATS_SERVER_BIN=${old} is v2.9.10: the tests need nats-server 2.10 or newer`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
