/**
 * The subset of JSON Schema (draft-07) that CloudFormation registry schemas use, as the emulator
 * reads them. The emulator keeps its own copy of this type and of the registry schemas it serves
 * (vendored from the CloudFormation registry beside this file), so that nothing it knows about AWS
 * comes from the product it is testing.
 */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly patternProperties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean;
  readonly propertyNames?: JsonSchema;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly uniqueItems?: boolean;
  readonly insertionOrder?: boolean;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly maxProperties?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly enum?: readonly (string | number)[];
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
}
