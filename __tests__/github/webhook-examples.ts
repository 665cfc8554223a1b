/**
 * The real webhook payloads GitHub documents, from `@octokit/webhooks-examples` (one JSON file
 * holding, per event, its examples). Tests route these instead of hand-written payloads.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WebhookDefinition } from '@octokit/webhooks-examples';

let definitions: readonly WebhookDefinition[] | undefined;

function allDefinitions(): readonly WebhookDefinition[] {
  // The package's main is the JSON file itself; reading it avoids CommonJS-vs-ESM typing quirks.
  definitions ??= JSON.parse(
    readFileSync(fileURLToPath(import.meta.resolve('@octokit/webhooks-examples')), 'utf8'),
  ) as WebhookDefinition[];
  return definitions;
}

/** Every example payload of `eventName`, deep-copied so a test may edit its own. */
export function webhookExamples(eventName: string): Record<string, unknown>[] {
  const definition = allDefinitions().find((d) => d.name === eventName);
  if (!definition) throw new Error(`@octokit/webhooks-examples has no "${eventName}" event`);
  return definition.examples.map((example) => structuredClone(example) as Record<string, unknown>);
}

/** The first example of `eventName` that `matches` accepts; throws if there is none. */
export function webhookExample(
  eventName: string,
  matches: (payload: Record<string, unknown>) => boolean = () => true,
): Record<string, unknown> {
  const found = webhookExamples(eventName).find(matches);
  if (!found) throw new Error(`no "${eventName}" example matches`);
  return found;
}
