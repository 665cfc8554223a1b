/** A read-only CloudControlPort over literal data, for tests of the read side. */
import type { CloudControlPort, ResourceDescription } from '../../src/aws/cloud-control-port.ts';

export interface MemoryWorld {
  /** Stage models by identifier `RestApiId|StageName`. */
  readonly stages: Record<string, Record<string, unknown>>;
  /** REST API ids; default: every RestApiId the stages use. */
  readonly restApis?: readonly string[];
  /** REST API names by id, as the RestApi list handler's models carry them. */
  readonly restApiNames?: Readonly<Record<string, string>>;
}

export function memoryPort(world: MemoryWorld, calls: string[] = []): CloudControlPort {
  const noWrites = async (): Promise<never> => {
    throw new Error('this port is read-only');
  };
  const restApis = world.restApis ?? [
    ...new Set(Object.keys(world.stages).map((id) => id.split('|')[0] as string)),
  ];
  return {
    async getResource(typeName, identifier) {
      calls.push(`GetResource ${identifier}`);
      const model = world.stages[identifier];
      return model ? { identifier, properties: structuredClone(model) } : undefined;
    },
    async listResources(typeName, resourceModel) {
      calls.push(
        `ListResources ${typeName}${resourceModel ? ` ${JSON.stringify(resourceModel)}` : ''}`,
      );
      if (typeName === 'AWS::ApiGateway::RestApi')
        return restApis.map((id): ResourceDescription => ({
          identifier: id,
          properties: {
            RestApiId: id,
            ...(world.restApiNames?.[id] !== undefined ? { Name: world.restApiNames[id] } : {}),
          },
        }));
      const api = resourceModel?.RestApiId;
      return Object.keys(world.stages)
        .filter((id) => id.startsWith(`${String(api)}|`))
        .map((identifier) => ({ identifier, properties: {} }));
    },
    createResource: noWrites,
    updateResource: noWrites,
    deleteResource: noWrites,
    getResourceRequestStatus: noWrites,
    cancelResourceRequest: noWrites,
  };
}
