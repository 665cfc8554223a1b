/**
 * The service's view of a V2 stage (emulator/apigatewayv2/stage-model.ts): the values it fills in
 * by protocol (fact 37 of docs/reference/aws-recorded-behaviour.md) and its input checks.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  routeSettingProblem,
  serviceStage,
  stageVariablesProblem,
  v2StageReadModel,
} from '../../../emulator/apigatewayv2/stage-model.ts';

describe('serviceStage', () => {
  it('fills route settings by protocol and keeps declared values over the defaults', () => {
    const stored = {
      ApiId: 'api',
      StageName: 's',
      DefaultRouteSettings: { DetailedMetricsEnabled: true, ThrottlingRateLimit: 1.5 },
      RouteSettings: { $connect: {} },
    };
    assert.deepEqual(serviceStage(stored, 'HTTP').DefaultRouteSettings, {
      DetailedMetricsEnabled: true,
      ThrottlingRateLimit: 1.5,
    });
    assert.deepEqual(serviceStage(stored, 'WEBSOCKET').RouteSettings, {
      $connect: { DataTraceEnabled: false, DetailedMetricsEnabled: false, LoggingLevel: 'OFF' },
    });
  });

  it('drops empty strings and the timestamps from the Cloud Control read model', () => {
    const model = v2StageReadModel(
      {
        ApiId: 'api',
        StageName: 's',
        Description: '',
        AccessLogSettings: { DestinationArn: '', Format: '' },
        CreatedDate: '2026-01-01T00:00:00.000Z',
        LastUpdatedDate: '2026-01-01T00:00:00.000Z',
      },
      'HTTP',
    );
    assert.deepEqual(Object.keys(model).sort(), [
      'ApiId',
      'DefaultRouteSettings',
      'RouteSettings',
      'StageName',
      'StageVariables',
      'Tags',
    ]);
  });
});

describe('input checks', () => {
  it('refuses route-setting members of the wrong type or unknown ones', () => {
    assert.equal(
      routeSettingProblem({ ThrottlingBurstLimit: 1.5 }, 'HTTP', 'm')?.name,
      'BadRequestException',
    );
    assert.equal(
      routeSettingProblem({ Caching: true }, 'WEBSOCKET', 'm')?.name,
      'BadRequestException',
    );
    assert.equal(routeSettingProblem({ ThrottlingRateLimit: 2.5 }, 'HTTP', 'm'), undefined);
  });

  it('checks stage variables by the schema description, letting "" through only as a removal', () => {
    assert.equal(stageVariablesProblem({ ok_1: 'a-b.c:/?' }, false), undefined);
    assert.ok(stageVariablesProblem({ 'bad-name': 'x' }, false));
    assert.ok(stageVariablesProblem({ v: 'has space' }, false));
    assert.ok(stageVariablesProblem({ v: '' }, false));
    assert.equal(stageVariablesProblem({ v: '' }, true), undefined);
  });
});
