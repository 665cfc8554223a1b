/**
 * A method setting's ResourcePath has two spellings. CloudFormation's is JSON-Pointer-like:
 * `/~1orders~1{id}` ("Forward slashes are encoded as ~1 and the initial slash must include a
 * forward slash", AWS::ApiGateway::Stage MethodSetting docs); people write `/orders/{id}`. The
 * read handler returns the encoded form, so specs are compared and written in it.
 */

/** `/orders/{id}` -> `/~1orders~1{id}`; already-encoded paths, `/` and `/*` are unchanged. */
export function encodeResourcePath(path: string): string {
  if (!path.startsWith('/') || path === '/' || path === '/*' || path.startsWith('/~1')) return path;
  return `/${path.replace(/\//g, '~1')}`;
}

/** `/~1orders~1{id}` -> `/orders/{id}`; natural paths are unchanged. */
export function decodeResourcePath(path: string): string {
  if (!path.startsWith('/~1')) return path;
  return path.slice(1).replace(/~1/g, '/');
}

/** The key that makes a method setting unique within a stage, in the encoded form. */
export function methodSettingKey(resourcePath: string, httpMethod: string): string {
  return `${encodeResourcePath(resourcePath)} ${httpMethod}`;
}
