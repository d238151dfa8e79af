import { OrderStatus } from '@pizza/contracts-order';
import { canCancel, canTransition, orderStatusForTicket } from './order.state-machine';

describe('order state machine', () => {
  it('walks the happy path forward only', () => {
    const path = [OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, OrderStatus.PREPARING, OrderStatus.BAKING, OrderStatus.READY];
    for (let i = 0; i < path.length - 1; i++) {
      expect(canTransition(path[i], path[i + 1])).toBe(true);
      expect(canTransition(path[i + 1], path[i])).toBe(false);
    }
    expect(canTransition(OrderStatus.AWAITING_PAYMENT, OrderStatus.PREPARING)).toBe(false);
  });

  it.each([
    [OrderStatus.AWAITING_PAYMENT, true],
    [OrderStatus.PAID, true],
    [OrderStatus.PREPARING, true],
    [OrderStatus.BAKING, false],
    [OrderStatus.READY, false],
    [OrderStatus.CANCELLED, false],
  ])('cancel from %s allowed: %s', (status, allowed) => {
    expect(canCancel(status)).toBe(allowed);
  });

  it('follows the kitchen from preparing to ready, not queued', () => {
    expect(orderStatusForTicket('queued')).toBeUndefined();
    expect(orderStatusForTicket('preparing')).toBe(OrderStatus.PREPARING);
    expect(orderStatusForTicket('baking')).toBe(OrderStatus.BAKING);
    expect(orderStatusForTicket('ready')).toBe(OrderStatus.READY);
  });
});
