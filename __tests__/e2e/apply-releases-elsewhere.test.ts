/**
 * Stages beside an API's own releases (README "Spec files"), through the bundled action:
 * `rest-api:` names the REST API and is resolved through Cloud Control's RestApi listing (which
 * the emulator pages); `ignore-changes:` leaves the deployment to another pipeline, whose release
 * is shown and never rolled back; a canary promotion is labelled as one.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, test } from 'node:test';
import { createAndWait, provisionRestApi } from '../../demo/provision.ts';
import { STAGE_TYPE_NAME, stageIdentifier } from '../../src/model/stage.ts';
import {
  acceptedStageCalls,
  describeRun,
  logLines,
  startApplyWorld,
  writeCalls,
  type ApplyWorld,
} from './apply-world.ts';

let world: ApplyWorld;
let payments: { restApiId: string; deploymentIds: string[] };
before(async () => {
  // One API per page: the name must be found past the first page of the listing.
  world = await startApplyWorld({ listPageSize: 1 });
  payments = await provisionRestApi(world.port, 'payments-api', 2);
  world.removeSpec('alchemy-stages.yml');
});
after(() => world.close());
beforeEach(() => world.emulator.clearCalls());

const elsewhereSpec = (restApi: string, extra: string[] = []): string =>
  [
    'defaults:',
    `  rest-api: ${restApi}`,
    'stages:',
    '  PaymentsLive:',
    '    StageName: live',
    `    DeploymentId: ${payments.deploymentIds[0]}`,
    '    ignore-changes: [DeploymentId, CanarySetting.DeploymentId]',
    '    Description: deployments come from the payments-api pipeline',
    ...extra,
    '',
  ].join('\n');

const plan = () => world.apply({ inputs: { mode: 'plan' } });

test('a REST API named in the spec resolves to its id; plan, log and plan-json show both', async () => {
  world.writeSpec(elsewhereSpec('payments-api'), 'payments.yml');
  const run = await world.apply();
  assert.equal(run.exitCode, 0, describeRun(run));
  const identifier = stageIdentifier(payments.restApiId, 'live');
  assert.equal(
    world.emulator.getReadModel(STAGE_TYPE_NAME, identifier)?.DeploymentId,
    payments.deploymentIds[0],
  );
  assert.equal(logLines(run, `${identifier} (rest-api payments-api)`).length > 0, true, run.stdout);
  const listings = world.emulator.calls.filter(
    (call) => call.operation === 'ListResources' && call.typeName === 'AWS::ApiGateway::RestApi',
  );
  assert.ok(listings.length >= 2, 'the listing was followed past its first page');
  const planJson = JSON.parse(readFileSync(run.outputs['plan-json'] as string, 'utf8'));
  assert.deepEqual(
    planJson.changes.map((change: Record<string, unknown>) => [change.identifier, change.apiName]),
    [[identifier, 'payments-api']],
  );
});

test('a deployment made outside stage-sync is not reverted, and is shown as left to other tools', async () => {
  const identifier = stageIdentifier(payments.restApiId, 'live');
  const released = await createAndWait(world.port, 'AWS::ApiGateway::Deployment', {
    RestApiId: payments.restApiId,
    Description: 'from the payments-api pipeline',
  });
  const deploymentId = released.split('|')[0] as string;
  const stored = world.emulator.getStoredModel(STAGE_TYPE_NAME, identifier) as Record<
    string,
    unknown
  >;
  world.emulator.putStage({ ...stored, DeploymentId: deploymentId });
  world.emulator.clearCalls();

  const run = await world.apply();
  assert.equal(run.exitCode, 0, describeRun(run));
  assert.deepEqual(writeCalls(world.emulator.calls), [], 'nothing was written');
  assert.equal(
    world.emulator.getReadModel(STAGE_TYPE_NAME, identifier)?.DeploymentId,
    deploymentId,
  );
  assert.equal(run.outputs['updates'], '0');
  assert.ok(
    logLines(run, `DeploymentId: "${deploymentId}"`).some((line) => line.includes('PaymentsLive')),
    run.stdout,
  );
  assert.ok(logLines(run, 'Left to other tools').length > 0, run.stdout);
  // The job summary (the comment's Markdown) shows it too, with the name and the resolved id.
  assert.ok(run.summary.includes('### Left to other tools'), run.summary);
  assert.ok(
    run.summary.includes(
      `| \`PaymentsLive\` | \`${payments.restApiId}\\|live\` (rest-api \`payments-api\`) | \`DeploymentId\` | \`"${deploymentId}"\` |`,
    ),
    run.summary,
  );
});

test('a name no REST API has is an error at its line naming the candidates, and nothing is written', async () => {
  world.writeSpec(elsewhereSpec('payment-api'), 'payments.yml');
  const run = await plan();
  assert.notEqual(run.exitCode, 0, describeRun(run));
  const [error] = run.annotations.filter(
    (annotation) => annotation.level === 'error' && annotation.file,
  );
  assert.equal(error?.file, 'stages/payments.yml');
  assert.equal(error?.line, 2);
  assert.match(error?.message ?? '', /no REST API is named "payment-api"/);
  assert.ok(error?.message.includes(payments.restApiId), error?.message);
  assert.deepEqual(writeCalls(world.emulator.calls), []);
});

test('a name two REST APIs share is an error naming both ids', async () => {
  const first = await createAndWait(world.port, 'AWS::ApiGateway::RestApi', { Name: 'twin-api' });
  const second = await createAndWait(world.port, 'AWS::ApiGateway::RestApi', { Name: 'twin-api' });
  world.emulator.clearCalls();
  world.writeSpec(elsewhereSpec('twin-api'), 'payments.yml');
  const run = await plan();
  assert.notEqual(run.exitCode, 0, describeRun(run));
  const [error] = run.annotations.filter(
    (annotation) => annotation.level === 'error' && annotation.file,
  );
  assert.equal(error?.line, 2);
  assert.match(
    error?.message ?? '',
    /rest-api "twin-api" is ambiguous: 2 REST APIs have that name/,
  );
  for (const id of [first, second]) assert.ok(error?.message.includes(id), error?.message);
  assert.deepEqual(writeCalls(world.emulator.calls), []);
});

test('a canary start and a canary promotion are labelled as release steps', async () => {
  const [stable, canary] = payments.deploymentIds as [string, string];
  const spec = (deploymentId: string, canaryLines: string[]): string =>
    [
      'stages:',
      '  PaymentsBeta:',
      `    RestApiId: ${payments.restApiId}`,
      '    StageName: beta',
      `    DeploymentId: ${deploymentId}`,
      ...canaryLines,
      '',
    ].join('\n');
  world.writeSpec(elsewhereSpec('payments-api'), 'payments.yml');
  world.writeSpec(spec(stable, []), 'beta.yml');
  assert.equal((await world.apply()).exitCode, 0);

  world.writeSpec(
    spec(stable, [
      '    CanarySetting:',
      `      DeploymentId: ${canary}`,
      '      PercentTraffic: 10',
    ]),
    'beta.yml',
  );
  const started = await world.apply();
  assert.equal(started.exitCode, 0, describeRun(started));
  assert.ok(
    logLines(started, `# canary start: 10% of traffic to ${canary}`).length === 1,
    started.stdout,
  );

  world.writeSpec(spec(canary, []), 'beta.yml');
  world.emulator.clearCalls();
  const promoted = await world.apply();
  assert.equal(promoted.exitCode, 0, describeRun(promoted));
  assert.equal(
    logLines(
      promoted,
      `# canary promotion: the stage moves to the canary's deployment, ${stable} → ${canary}, and the canary is removed (the canary had 10% of traffic)`,
    ).length,
    1,
    promoted.stdout,
  );
  assert.equal(acceptedStageCalls(world.emulator.calls, 'UpdateResource').length, 1);
  const live = world.emulator.getReadModel(
    STAGE_TYPE_NAME,
    stageIdentifier(payments.restApiId, 'beta'),
  );
  assert.equal(live?.DeploymentId, canary);
  assert.equal(live?.CanarySetting, undefined);
});
