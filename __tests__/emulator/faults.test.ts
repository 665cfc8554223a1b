import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FaultInjector } from '../../emulator/faults.ts';
import type {
  HandlerFailureRule,
  InjectedErrorRule,
  TransportFaultRule,
  V2InjectedErrorRule,
} from '../../emulator/knobs.ts';

describe('FaultInjector', () => {
  it('matches handler failures by action, type and identifier, and counts times per rule', () => {
    const injector = new FaultInjector();
    const rules: HandlerFailureRule[] = [
      { operation: 'UPDATE', identifier: 'a|prod', errorCode: 'Throttling', times: 2 },
      { operation: 'UPDATE', typeName: 'AWS::ApiGateway::Stage', errorCode: 'InternalFailure' },
    ];
    const stage = { typeName: 'AWS::ApiGateway::Stage', identifier: 'a|prod' };
    assert.equal(injector.handlerFailure(rules, 'DELETE', stage), undefined);
    assert.deepEqual(
      [1, 2, 3].map(() => injector.handlerFailure(rules, 'UPDATE', stage)?.errorCode),
      ['Throttling', 'Throttling', 'InternalFailure'],
    );
    assert.equal(
      injector.handlerFailure(rules, 'UPDATE', {
        typeName: 'AWS::ApiGateway::RestApi',
        identifier: 'a|prod',
      }),
      undefined,
    );
  });

  it('matches injected API errors by operation, or any operation when none is given', () => {
    const injector = new FaultInjector();
    const rules: InjectedErrorRule[] = [
      { errorName: 'AccessDeniedException', operation: 'GetResource', times: 1 },
      { errorName: 'ThrottlingException' },
    ];
    assert.equal(
      injector.injectedError(rules, 'GetResource', {})?.errorName,
      'AccessDeniedException',
    );
    assert.equal(
      injector.injectedError(rules, 'GetResource', {})?.errorName,
      'ThrottlingException',
    );
    assert.equal(
      injector.injectedError(rules, 'ListResources', {})?.errorName,
      'ThrottlingException',
    );
  });

  it('matches transport faults by operation and identifier, and counts times per rule', () => {
    const injector = new FaultInjector();
    const rules: TransportFaultRule[] = [
      { fault: 'reset-after', operation: 'UpdateResource', identifier: 'a|prod', times: 1 },
      { fault: 'hang', operation: 'GetResourceRequestStatus' },
    ];
    const stage = { typeName: 'AWS::ApiGateway::Stage', identifier: 'a|prod' };
    assert.equal(
      injector.transportFault(rules, 'UpdateResource', { identifier: 'a|dev' }),
      undefined,
    );
    assert.equal(injector.transportFault(rules, 'UpdateResource', stage)?.fault, 'reset-after');
    assert.equal(injector.transportFault(rules, 'UpdateResource', stage), undefined);
    assert.equal(injector.transportFault(rules, 'GetResourceRequestStatus', {})?.fault, 'hang');
    assert.equal(injector.transportFault(rules, 'GetResourceRequestStatus', {})?.fault, 'hang');
  });

  it('keeps Cloud Control and API Gateway V2 rules apart in one list', () => {
    const injector = new FaultInjector();
    const rules: (InjectedErrorRule | V2InjectedErrorRule)[] = [
      { errorName: 'InternalServerError', operation: 'apigatewayv2:UpdateStage', times: 1 },
      { errorName: 'TooManyRequestsException', operation: 'apigatewayv2:*', identifier: 'a|b' },
      { errorName: 'ThrottlingException' },
    ];
    // A rule without an operation is Cloud Control's only; V2 rules never answer Cloud Control.
    assert.equal(
      injector.injectedError(rules, 'UpdateResource', {})?.errorName,
      'ThrottlingException',
    );
    assert.equal(
      injector.v2InjectedError(rules, 'apigatewayv2:UpdateStage', 'x|y')?.errorName,
      'InternalServerError',
    );
    assert.equal(injector.v2InjectedError(rules, 'apigatewayv2:UpdateStage', 'x|y'), undefined);
    assert.equal(
      injector.v2InjectedError(rules, 'apigatewayv2:GetStage', 'a|b')?.errorName,
      'TooManyRequestsException',
    );
    const transport: TransportFaultRule[] = [
      { fault: 'reset-before' },
      { fault: 'hang', operation: 'apigatewayv2:TagResource' },
    ];
    assert.equal(injector.transportFault(transport, 'apigatewayv2:UntagResource', {}), undefined);
    assert.equal(injector.transportFault(transport, 'apigatewayv2:TagResource', {})?.fault, 'hang');
    assert.equal(injector.transportFault(transport, 'GetResource', {})?.fault, 'reset-before');
  });
});
