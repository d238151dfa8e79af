import { ProtocolHandler } from '@nats-io/nats-core/internal';
import { coalesceNatsWrites } from './coalescing-nats';

/** A connection whose protocol handler records each write it would send (one per flush with something pending). */
function fakeConnection() {
  const writes: string[][] = [];
  let pending: string[] = [];
  const protocol = {
    closed: false,
    sendCommand(cmd: string) {
      // nats.js: the first command queued since the last flush schedules a flush at the microtask checkpoint.
      if (pending.length === 0) queueMicrotask(() => this.flushPending());
      pending.push(cmd);
    },
    flushPending() {
      if (pending.length) writes.push(pending);
      pending = [];
    },
    async close() {
      this.closed = true;
    },
  };
  return { connection: { protocol }, protocol, writes };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesceNatsWrites', () => {
  it('sends the first flush of a turn at once and the rest of the turn in one write, in order', async () => {
    const { connection, protocol, writes } = fakeConnection();
    coalesceNatsWrites(connection);
    // 20 requests handled in one event-loop turn, each in its own macrotask step: 20 microtask checkpoints.
    for (let i = 0; i < 20; i++) {
      protocol.sendCommand(`PUB ${i}`);
      await Promise.resolve();
    }
    expect(writes).toEqual([['PUB 0']]);
    await nextTurn();
    expect(writes).toHaveLength(2);
    expect(writes[1]).toEqual([...Array(19).keys()].map((i) => `PUB ${i + 1}`));
  });

  it('holds nothing into a later turn: a lone command goes out at once', async () => {
    const { connection, protocol, writes } = fakeConnection();
    coalesceNatsWrites(connection);
    protocol.sendCommand('PUB a');
    await Promise.resolve();
    await nextTurn();
    protocol.sendCommand('PUB b');
    await Promise.resolve();
    expect(writes).toEqual([['PUB a'], ['PUB b']]);
  });

  it('sends what it holds before the connection closes', async () => {
    const { connection, protocol, writes } = fakeConnection();
    coalesceNatsWrites(connection);
    protocol.sendCommand('PUB a');
    await Promise.resolve();
    protocol.sendCommand('PUB b');
    await Promise.resolve();
    await protocol.close();
    expect(writes).toEqual([['PUB a'], ['PUB b']]);
    expect(protocol.closed).toBe(true);
  });

  it('leaves a connection without a protocol handler as it is', () => {
    const connection = { publish: () => undefined };
    expect(coalesceNatsWrites(connection)).toBe(connection);
  });

  it('finds in the installed nats.js the handler it relies on (an upgrade that drops it fails here, not silently)', () => {
    // flushPending is private in nats.js's types: read as the runtime sees it.
    const prototype = ProtocolHandler.prototype as unknown as Record<string, unknown>;
    expect(typeof prototype['flushPending']).toBe('function');
    expect(typeof prototype['close']).toBe('function');
  });
});
