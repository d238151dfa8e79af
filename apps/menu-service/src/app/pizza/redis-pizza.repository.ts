import type { PizzaDto } from '@pizza/contracts-menu';
import { RedisRecords, type RedisConnection } from '@pizza/redis';
import type { PizzaRepository } from './pizza.repository';
import { PIZZA_SEED } from './pizza.seed';

/** Writes each seed pizza (KEYS[i] <- ARGV[i]) that is not there yet, and lists it (KEYS[#KEYS], in seed order). */
const SEED = `
local catalogue = KEYS[#KEYS]
for i = 1, #KEYS - 1 do
  redis.call('SET', KEYS[i], ARGV[i], 'NX')
  redis.call('ZADD', catalogue, 'NX', i, ARGV[#KEYS - 1 + i])
end
return 1`;

type Change = Partial<Pick<PizzaDto, 'priceCents' | 'available'>>;

/**
 * The menu in Redis (DATA_REDIS_URL), shared by every menu-service instance: `menu:pizza:<id>` each
 * pizza, `menu:catalogue` their ids in menu order. Each instance writes the seed pizzas that are
 * not there yet, on its first read after each connection: a price changed since is kept across
 * restarts, and a Redis that lost its data gets the menu back.
 */
export class RedisPizzaRepository implements PizzaRepository {
  private readonly records: RedisRecords;
  private seeded?: Promise<void>;

  constructor(redis: RedisConnection, prefix = 'menu:') {
    this.records = new RedisRecords(redis, prefix, 'menu');
    // Seeded again on each new connection: a Redis that restarted without its data must not leave an empty menu.
    redis.onReady(() => (this.seeded = undefined));
  }

  async findAll(): Promise<PizzaDto[]> {
    await this.seed();
    const ids = await this.records.run((c) => c.zRange(this.catalogue, 0, -1));
    return this.records.getMany<PizzaDto>(ids.map((id) => this.pizzaKey(id)));
  }

  async findById(id: string): Promise<PizzaDto | undefined> {
    await this.seed();
    return this.records.get<PizzaDto>(this.pizzaKey(id));
  }

  async findByIds(ids: readonly string[]): Promise<PizzaDto[]> {
    await this.seed();
    return this.records.getMany<PizzaDto>(ids.map((id) => this.pizzaKey(id)));
  }

  async update(id: string, change: Change): Promise<PizzaDto | undefined> {
    await this.seed();
    return this.records.update<PizzaDto>(this.pizzaKey(id), (current) => ({ next: { ...current, ...change } }));
  }

  /** Once per process, before the first read; tried again on the next read if Redis refused it. */
  private seed(): Promise<void> {
    this.seeded ??= this.records
      .run((c) =>
        c.eval(SEED, {
          keys: [...PIZZA_SEED.map((p) => this.pizzaKey(p.id)), this.catalogue],
          arguments: [...PIZZA_SEED.map((p) => JSON.stringify(p)), ...PIZZA_SEED.map((p) => p.id)],
        }),
      )
      .then(
        () => undefined,
        (err: unknown) => {
          this.seeded = undefined;
          throw err;
        },
      );
    return this.seeded;
  }

  private get catalogue(): string {
    return this.records.key('catalogue');
  }

  private pizzaKey(id: string): string {
    return this.records.key('pizza', id);
  }
}
