import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { routeEvent } from '../../src/github/event-route.ts';
import type { EventRoute, RunMode } from '../../src/github/event-route.ts';
import { webhookExample, webhookExamples } from './webhook-examples.ts';

/** Routes a payload as the runner would hand it over: `GITHUB_REF` mirrors the payload's ref. */
function route(eventName: string, payload: unknown, mode: RunMode = 'auto', ref = ''): EventRoute {
  const payloadRef = (payload as { ref?: unknown } | null)?.ref;
  return routeEvent({
    eventName,
    payload,
    ref: ref || (typeof payloadRef === 'string' ? payloadRef : ''),
    mode,
  });
}

const withAction = (action: string) => (p: Record<string, unknown>) => p['action'] === action;
const pushTo = (ref: string) => (p: Record<string, unknown>) => p['ref'] === ref && !p['deleted'];

describe('routeEvent, mode auto: one test per row of the table', () => {
  it('pull_request plans and comments on the PR the payload names', () => {
    const payload = webhookExample('pull_request', withAction('opened'));
    const routed = route('pull_request', payload);
    assert.equal(routed.kind, 'plan-and-comment');
    assert.equal(routed.kind === 'plan-and-comment' && routed.pullRequestNumber, 2);
    assert.match(routed.reason, /pull_request #2/);
  });

  it('pull_request_target, which carries the pull_request payload, does the same', () => {
    const payload = webhookExample('pull_request', withAction('synchronize'));
    assert.deepEqual(route('pull_request_target', payload), {
      kind: 'plan-and-comment',
      pullRequestNumber: 2,
      reason: 'pull_request_target #2',
    });
  });

  it('every pull_request action on an open pull request comments; a closed one is left to the apply', () => {
    const examples = webhookExamples('pull_request');
    assert.ok(examples.length > 10);
    const state = (payload: Record<string, unknown>) =>
      (payload['pull_request'] as { state?: string } | undefined)?.state;
    for (const payload of examples) {
      const routed = route('pull_request', payload);
      const closed = payload['action'] === 'closed' || state(payload) === 'closed';
      assert.equal(
        routed.kind,
        closed ? 'plan-only' : 'plan-and-comment',
        `action ${String(payload['action'])}, state ${String(state(payload))}`,
      );
    }
  });

  it('a label added to a merged pull request does not plan over its Applied comment', () => {
    const payload = webhookExample('pull_request', withAction('labeled'));
    const merged = {
      ...payload,
      pull_request: { ...(payload['pull_request'] as object), state: 'closed', merged: true },
    };
    assert.deepEqual(route('pull_request', merged), {
      kind: 'plan-only',
      reason: 'pull_request #2 is closed; its comment is left to the apply',
      driftCheck: false,
    });
  });

  it('push to the default branch applies, and here the default branch is master', () => {
    const payload = webhookExample('push', pushTo('refs/heads/master'));
    assert.equal((payload['repository'] as { default_branch: string }).default_branch, 'master');
    assert.deepEqual(route('push', payload), {
      kind: 'apply',
      pullRequestNumber: undefined,
      reason: 'push to the default branch master',
    });
  });

  it('the default branch is read from the payload, not assumed', () => {
    const payload = webhookExample('push', pushTo('refs/heads/master'));
    (payload['repository'] as Record<string, unknown>)['default_branch'] = 'main';
    const routed = route('push', payload);
    assert.equal(routed.kind, 'plan-only');
    assert.equal(routed.reason, 'push to master, not the default branch main');

    payload['ref'] = 'refs/heads/main';
    assert.equal(route('push', payload).kind, 'apply');
  });

  it('push to another branch plans only, with no comment and no drift check', () => {
    const payload = webhookExample('push', pushTo('refs/heads/master'));
    payload['ref'] = 'refs/heads/feature/new-stage';
    assert.deepEqual(route('push', payload), {
      kind: 'plan-only',
      driftCheck: false,
      reason: 'push to feature/new-stage, not the default branch master',
    });
  });

  it('push of a tag plans only', () => {
    const payload = webhookExample('push', pushTo('refs/tags/simple-tag'));
    assert.deepEqual(route('push', payload), {
      kind: 'plan-only',
      driftCheck: false,
      reason: 'push of tag simple-tag',
    });
  });

  it('a push that deletes a ref never applies', () => {
    const payload = webhookExample('push', (p) => p['deleted'] === true);
    payload['ref'] = 'refs/heads/master';
    const routed = route('push', payload);
    assert.equal(routed.kind, 'plan-only');
    assert.match(routed.reason, /deleted refs\/heads\/master/);
  });

  it('a push payload without a ref falls back to GITHUB_REF', () => {
    const payload = webhookExample('push', pushTo('refs/heads/master'));
    delete payload['ref'];
    assert.equal(route('push', payload, 'auto', 'refs/heads/master').kind, 'apply');
    assert.equal(route('push', payload, 'auto', 'refs/heads/other').kind, 'plan-only');
  });

  it('a push payload without a default branch does not apply', () => {
    const payload = webhookExample('push', pushTo('refs/heads/master'));
    delete (payload['repository'] as Record<string, unknown>)['default_branch'];
    const routed = route('push', payload);
    assert.equal(routed.kind, 'plan-only');
    assert.match(routed.reason, /names no default branch/);
  });

  it('workflow_dispatch is a drift check, for every example', () => {
    const examples = webhookExamples('workflow_dispatch');
    assert.ok(examples.length > 0);
    for (const payload of examples) {
      assert.deepEqual(route('workflow_dispatch', payload), {
        kind: 'plan-only',
        driftCheck: true,
        reason: 'workflow_dispatch: drift check, plan only',
      });
    }
  });

  it('schedule is a drift check', () => {
    // No webhook exists for schedule; the runner's event file holds the cron expression.
    const routed = route('schedule', { schedule: '17 3 * * *' }, 'auto', 'refs/heads/master');
    assert.deepEqual(routed, {
      kind: 'plan-only',
      driftCheck: true,
      reason: 'schedule: drift check, plan only',
    });
  });

  it('merge_group plans only, without the drift check', () => {
    for (const payload of webhookExamples('merge_group')) {
      const routed = route(
        'merge_group',
        payload,
        'auto',
        'refs/heads/gh-readonly-queue/main/pr-104',
      );
      assert.equal(routed.kind, 'plan-only');
      assert.equal(routed.kind === 'plan-only' && routed.driftCheck, false);
      assert.match(routed.reason, /merge_group/);
    }
  });

  it('any other event plans only and says why', () => {
    for (const eventName of ['issue_comment', 'release', 'workflow_run', 'repository_dispatch']) {
      const routed = route(eventName, webhookExample(eventName));
      assert.equal(routed.kind, 'plan-only');
      assert.equal(routed.kind === 'plan-only' && routed.driftCheck, false);
      assert.equal(routed.reason, `event "${eventName}" is not one stage-sync acts on; plan only`);
    }
  });

  it('an event name that is an Object.prototype key is just another unknown event', () => {
    assert.equal(route('constructor', {}).kind, 'plan-only');
    assert.equal(route('__proto__', {}).kind, 'plan-only');
  });

  it('a payload that is not an object, or has no PR number, routes without throwing', () => {
    assert.equal(route('push', null).kind, 'plan-only');
    assert.equal(route('pull_request', ['x']).kind, 'plan-only');
    assert.match(route('pull_request', { action: 'opened' }).reason, /names no pull request/);
    assert.equal(route('pull_request', { number: 9 }).kind, 'plan-and-comment');
  });
});

describe('routeEvent, explicit modes', () => {
  it('mode plan turns the default-branch apply into a plan, keeps the rest', () => {
    const push = webhookExample('push', pushTo('refs/heads/master'));
    const routed = route('push', push, 'plan');
    assert.equal(routed.kind, 'plan-only');
    assert.equal(routed.reason, 'mode: plan never writes (push to the default branch master)');

    const pr = webhookExample('pull_request', withAction('opened'));
    assert.equal(route('pull_request', pr, 'plan').kind, 'plan-and-comment');
    const dispatch = webhookExample('workflow_dispatch');
    assert.deepEqual(
      route('workflow_dispatch', dispatch, 'plan'),
      route('workflow_dispatch', dispatch),
    );
  });

  it('mode apply applies on a pull request, naming its number for the status update', () => {
    const pr = webhookExample('pull_request', withAction('opened'));
    assert.deepEqual(route('pull_request', pr, 'apply'), {
      kind: 'apply',
      pullRequestNumber: 2,
      reason: 'mode: apply applies on any event (pull_request)',
    });
    const tag = webhookExample('push', pushTo('refs/tags/simple-tag'));
    assert.deepEqual(route('push', tag, 'apply'), {
      kind: 'apply',
      pullRequestNumber: undefined,
      reason: 'mode: apply applies on any event (push)',
    });
  });

  it('over every example of every event: plan never applies, apply always does, auto only on a default-branch push', () => {
    const all = ['pull_request', 'push', 'workflow_dispatch', 'merge_group', 'issues', 'release'];
    let checked = 0;
    for (const eventName of all) {
      for (const payload of webhookExamples(eventName)) {
        assert.notEqual(route(eventName, payload, 'plan').kind, 'apply');
        assert.equal(route(eventName, payload, 'apply').kind, 'apply');
        const isDefaultPush =
          eventName === 'push' && payload['ref'] === 'refs/heads/master' && !payload['deleted'];
        assert.equal(route(eventName, payload, 'auto').kind === 'apply', isDefaultPush);
        checked++;
      }
    }
    assert.ok(checked > 40, `checked ${checked} payloads`);
  });
});
