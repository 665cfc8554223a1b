/**
 * Picks the injected fault, if any, for a call. Rules live in the knobs; how often each rule has
 * fired is kept here, so a rule with `times: 2` fails the first two matching calls only.
 */
import type {
  HandlerAction,
  HandlerFailureRule,
  InjectedErrorRule,
  TransportFaultRule,
} from './knobs.ts';
import type { OperationName } from './protocol/wire.ts';

interface Target {
  readonly typeName?: string;
  readonly identifier?: string;
}

function matches(rule: { typeName?: string; identifier?: string }, target: Target): boolean {
  return (
    (rule.typeName === undefined || rule.typeName === target.typeName) &&
    (rule.identifier === undefined || rule.identifier === target.identifier)
  );
}

export class FaultInjector {
  private readonly fired = new WeakMap<object, number>();

  private take<T extends { times?: number }>(
    rules: readonly T[],
    fits: (rule: T) => boolean,
  ): T | undefined {
    const rule = rules.find(
      (candidate) =>
        fits(candidate) &&
        (candidate.times === undefined || (this.fired.get(candidate) ?? 0) < candidate.times),
    );
    if (rule) this.fired.set(rule, (this.fired.get(rule) ?? 0) + 1);
    return rule;
  }

  /** The handler failure to apply to `action` on `target`, counting it as fired. */
  handlerFailure(
    rules: readonly HandlerFailureRule[],
    action: HandlerAction,
    target: Target,
  ): HandlerFailureRule | undefined {
    return this.take(rules, (rule) => rule.operation === action && matches(rule, target));
  }

  /** The API error to answer `operation` on `target` with, counting it as fired. */
  injectedError(
    rules: readonly InjectedErrorRule[],
    operation: OperationName,
    target: Target,
  ): InjectedErrorRule | undefined {
    return this.take(
      rules,
      (rule) =>
        (rule.operation === undefined || rule.operation === operation) && matches(rule, target),
    );
  }

  /** The transport fault to hit `operation` on `target` with, counting it as fired. */
  transportFault(
    rules: readonly TransportFaultRule[],
    operation: OperationName,
    target: Target,
  ): TransportFaultRule | undefined {
    return this.take(
      rules,
      (rule) =>
        (rule.operation === undefined || rule.operation === operation) && matches(rule, target),
    );
  }
}
