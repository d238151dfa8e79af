import { DemoCardProcessor } from './demo-card-processor';

describe('DemoCardProcessor', () => {
  it('charges once per idempotency key: the same key gets the first result, another key is another charge', async () => {
    const processor = new DemoCardProcessor();
    const first = await processor.charge('tok_visa', 900, 'EUR', 'k-1');
    expect(first).toMatchObject({ approved: true, chargeId: expect.stringMatching(/^ch_/) });
    await expect(processor.charge('tok_visa', 900, 'EUR', 'k-1')).resolves.toEqual(first);
    const other = await processor.charge('tok_visa', 900, 'EUR', 'k-2');
    expect(other).toMatchObject({ approved: true });
    expect(other).not.toEqual(first);
  });

  it('declines the sandbox’s declined and unknown tokens, and replays a decline under its key', async () => {
    const processor = new DemoCardProcessor();
    await expect(processor.charge('tok_chargeDeclined', 900, 'EUR', 'k-3')).resolves.toEqual({ approved: false, reason: 'The card was declined' });
    await expect(processor.charge('tok_visa', 900, 'EUR', 'k-3')).resolves.toMatchObject({ approved: false });
    await expect(processor.charge('tok_nope', 900, 'EUR', 'k-4')).resolves.toEqual({ approved: false, reason: 'Unknown card token' });
  });
});
