/**
 * The emulated account's resources, in memory: per type, the model each resource was last written
 * with (its stored desired state), keyed by Cloud Control identifier. What a read returns is
 * derived from this by each type's read handler.
 */
import { randomId, seededRandom, type Random } from '../throttle/prng.ts';

export type Model = Record<string, unknown>;

export class World {
  private readonly byType = new Map<string, Map<string, Model>>();
  private readonly random: Random;

  constructor(seed: number) {
    this.random = seededRandom(seed ^ 0x5eed);
  }

  get(typeName: string, identifier: string): Model | undefined {
    const model = this.byType.get(typeName)?.get(identifier);
    return model ? structuredClone(model) : undefined;
  }

  has(typeName: string, identifier: string): boolean {
    return this.byType.get(typeName)?.has(identifier) ?? false;
  }

  put(typeName: string, identifier: string, model: Model): void {
    let models = this.byType.get(typeName);
    if (!models) {
      models = new Map();
      this.byType.set(typeName, models);
    }
    models.set(identifier, structuredClone(model));
  }

  delete(typeName: string, identifier: string): boolean {
    return this.byType.get(typeName)?.delete(identifier) ?? false;
  }

  /** Every resource of a type as `[identifier, model]`, sorted by identifier. */
  all(typeName: string): [string, Model][] {
    return [...(this.byType.get(typeName)?.entries() ?? [])]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([identifier, model]) => [identifier, structuredClone(model)]);
  }

  /** A new lowercase alphanumeric id (seeded, so runs with one seed repeat). */
  newId(length: number): string {
    return randomId(this.random, length);
  }
}
