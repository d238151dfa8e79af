/**
 * A metric's child per label set, made once and kept: prom-client hashes the label
 * values on every labels() call, which the hot path should not pay for.
 */
export class LabelChildren<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly make: (...labels: string[]) => T) {}

  get(...labels: string[]): T {
    const key = labels.join('\0');
    let child = this.map.get(key);
    if (!child) this.map.set(key, (child = this.make(...labels)));
    return child;
  }
}
