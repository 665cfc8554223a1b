/**
 * Picks the injected fault, if any, for a call. Rules live in the knobs; how often each rule has
 * fired is kept here, so a rule with `times: 2` fails the first two matching calls only. One
 * injector serves Cloud Control and API Gateway V2's REST endpoint: V2 calls go by their call-log
 * names (`apigatewayv2:UpdateStage`), which no Cloud Control rule names, and a rule without an
 * operation covers Cloud Control calls only.
 */
import {
  isV2Call,
  v2CallMatches,
  type V2CallMatch,
  type V2CallName,
} from './apigatewayv2/rest/call-names.ts';
import type {
  HandlerAction,
  HandlerFailureRule,
  InjectedErrorRule,
  TransportFaultRule,
  V2InjectedErrorRule,
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

/** Whether a rule's `operation` covers the call `operation` (Cloud Control's or a V2 call's). */
function coversOperation(
  ruleOperation: OperationName | V2CallMatch | undefined,
  operation: OperationName | V2CallName,
): boolean {
  if (isV2Call(operation)) return v2CallMatches(ruleOperation, operation);
  return ruleOperation === undefined || ruleOperation === operation;
}

export class FaultInjector {
  private readonly fired = new WeakMap<object, number>();

  /** The first rule that `fits` and has not fired its `times` yet, counting it as fired. */
  private take<T extends { times?: number }, S extends T = T>(
    rules: readonly T[],
    fits: ((rule: T) => rule is S) | ((rule: T) => boolean),
  ): S | undefined {
    const rule = rules.find(
      (candidate) =>
        fits(candidate) &&
        (candidate.times === undefined || (this.fired.get(candidate) ?? 0) < candidate.times),
    );
    if (rule) this.fired.set(rule, (this.fired.get(rule) ?? 0) + 1);
    return rule as S | undefined;
  }

  /** The handler failure to apply to `action` on `target`, counting it as fired. */
  handlerFailure(
    rules: readonly HandlerFailureRule[],
    action: HandlerAction,
    target: Target,
  ): HandlerFailureRule | undefined {
    return this.take(rules, (rule) => rule.operation === action && matches(rule, target));
  }

  /** The API error to answer Cloud Control's `operation` on `target` with, counting it as fired. */
  injectedError(
    rules: readonly (InjectedErrorRule | V2InjectedErrorRule)[],
    operation: OperationName,
    target: Target,
  ): InjectedErrorRule | undefined {
    // A call's name is a Cloud Control operation, so only a Cloud Control rule covers it.
    return this.take(
      rules,
      (rule): rule is InjectedErrorRule =>
        coversOperation(rule.operation, operation) && matches(rule, target),
    );
  }

  /** The error to answer the V2 call `call` on `identifier` with, counting it as fired. */
  v2InjectedError(
    rules: readonly (InjectedErrorRule | V2InjectedErrorRule)[],
    call: V2CallName,
    identifier: string | undefined,
  ): V2InjectedErrorRule | undefined {
    // A call's name is a V2 one, so only a V2 rule covers it.
    return this.take(
      rules,
      (rule): rule is V2InjectedErrorRule =>
        coversOperation(rule.operation, call) &&
        matches(rule, identifier === undefined ? {} : { identifier }),
    );
  }

  /** The transport fault to hit `operation` (a Cloud Control or V2 call) on `target` with. */
  transportFault(
    rules: readonly TransportFaultRule[],
    operation: OperationName | V2CallName,
    target: Target,
  ): TransportFaultRule | undefined {
    return this.take(
      rules,
      (rule) => coversOperation(rule.operation, operation) && matches(rule, target),
    );
  }
}
