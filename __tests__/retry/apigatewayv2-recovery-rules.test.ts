import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APIGATEWAYV2_RECOVERY_RULES } from '../../src/retry/apigatewayv2-recovery-rules.ts';
import { TRANSPORT_ERROR } from '../../src/retry/error-codes.ts';
import { chooseRecovery } from '../../src/retry/recovery-rules.ts';

type Fault = 'client' | 'server' | 'transport';

/** chooseRecovery's rule for an API Gateway V2 call of an update that failed so. */
const chooseApiGatewayV2Recovery = (code: string, fault: Fault) =>
  chooseRecovery({ origin: 'sync', service: 'apigatewayv2', code, fault }, 'update', 0, 0);

describe('chooseRecovery for API Gateway V2 failures', () => {
  it('resends after throttling, a server fault or no answer; re-plans after a conflict or a missing stage', () => {
    const recovery = (code: string, fault: Fault) =>
      chooseApiGatewayV2Recovery(code, fault).recovery;
    assert.equal(recovery('TooManyRequestsException', 'client'), 'resend');
    assert.equal(recovery('InternalServerError', 'server'), 'resend');
    assert.equal(recovery('ServiceUnavailableException', 'server'), 'resend');
    assert.equal(recovery(TRANSPORT_ERROR, 'transport'), 'resend');
    assert.equal(recovery('ConflictException', 'client'), 'wait-and-replan');
    assert.equal(recovery('NotFoundException', 'client'), 'replan');
  });

  it('fails on the refusals resending cannot change', () => {
    for (const code of ['BadRequestException', 'AccessDeniedException', 'UnknownError'])
      assert.equal(chooseApiGatewayV2Recovery(code, 'client').recovery, 'fail', code);
  });

  it('gives every rule a note for the outcome and a source that says why it is safe', () => {
    for (const rule of APIGATEWAYV2_RECOVERY_RULES) {
      assert.ok(rule.note.length > 0, rule.recovery);
      assert.match(rule.source, /docs\/evidence\/apigatewayv2-stage\.md|item \d+/);
    }
  });
});
