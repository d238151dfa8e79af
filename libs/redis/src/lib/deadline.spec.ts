import { withDeadline } from './deadline';

describe('withDeadline', () => {
  it('passes an answer through', async () => {
    await expect(withDeadline(Promise.resolve(7), 50, 'store')).resolves.toBe(7);
  });

  it('rejects with a clear message when nothing answers', async () => {
    await expect(withDeadline(new Promise(() => undefined), 20, 'redis')).rejects.toThrow('redis did not answer within 20 ms');
  });

  it('lets an answer that arrived while the event loop was blocked win over the expired timer', async () => {
    // The answer becomes readable in the same loop turn in which the deadline fires, but
    // after the timers phase (as a socket read would): it must still win.
    const work = new Promise<string>((resolve) => setTimeout(() => setImmediate(() => resolve('in time')), 0));
    const result = withDeadline(work, 5, 'redis');
    const until = Date.now() + 30;
    while (Date.now() < until) {
      // the process is busy past the deadline
    }
    await expect(result).resolves.toBe('in time');
  });
});
