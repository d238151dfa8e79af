import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';

/**
 * Ports are handed out below the kernel's ephemeral range, never from it. A port
 * from `listen(0)` is an ephemeral one: between the moment it is picked and the moment
 * a service binds it, any outgoing connection may take it as its local port (a client
 * retrying a service that is not up yet may even connect to itself on it), and the
 * service fails with EADDRINUSE. No outgoing connection uses a port below the range.
 */
const LOWEST = 10_000;

function ephemeralRangeStart(): number {
  try {
    const start = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (Number.isInteger(start) && start > 0) return start;
  } catch {
    // Not Linux: the IANA dynamic range starts at 49152; 32768 is below both.
  }
  return 32_768;
}

const END = ephemeralRangeStart();
const SIZE = END - LOWEST;
// Each process walks the range from its own random point: two suites running at once rarely meet.
let next = Math.floor(Math.random() * Math.max(SIZE, 1));

/** True if nothing holds 127.0.0.1:port right now. */
function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Any port from the kernel (an ephemeral one), when its range leaves no room below it. */
function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago and that no outgoing connection will take. */
export async function freePort(): Promise<number> {
  if (SIZE < 1_000) return kernelPort();
  for (let tried = 0; tried < SIZE; tried++) {
    const port = LOWEST + (next++ % SIZE);
    if (await canBind(port)) return port;
  }
  throw new Error(`no free port between ${LOWEST} and ${END}`);
}

/** True once something accepts TCP connections on host:port. */
export function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
