/**
 * Live data as AWS's read handler returns it, written out by hand from the recorded models
 * (docs/reference/cloudcontrol-notes.md §2.3) rather than taken from the emulator, so plan tests check the planner
 * against AWS's behaviour and not against our own emulation of it.
 */

/** What the read handler fills into every method setting that did not set these. */
export const LIVE_METHOD_DEFAULTS = {
  CacheTtlInSeconds: 300,
  CacheDataEncrypted: false,
  CachingEnabled: false,
  MetricsEnabled: false,
  DataTraceEnabled: false,
  ThrottlingBurstLimit: 5000,
  ThrottlingRateLimit: 10000,
};

/** A live method setting: every default filled in, then `fields`. */
export const liveSetting = (
  resourcePath: string,
  httpMethod: string,
  fields: Record<string, unknown> = {},
) => ({
  ...LIVE_METHOD_DEFAULTS,
  ResourcePath: resourcePath,
  HttpMethod: httpMethod,
  ...fields,
});
