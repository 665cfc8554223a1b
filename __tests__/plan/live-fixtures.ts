/**
 * Live data as AWS's read handler returns it, written out by hand from the recorded models
 * (docs/reference/aws-recorded-behaviour.md, cited by fact number) rather than taken from the
 * emulator, so plan tests check the planner against AWS's behaviour and not against our own
 * emulation of it.
 */

/**
 * What the read handler fills into a method setting that did not set these, in most regions on
 * an account with the default quota and no `*\/*` values before it (facts 15, 20). Not a
 * constant: see REGIONAL_THROTTLE and INHERITED_FROM_STAGE_WIDE.
 */
export const LIVE_METHOD_DEFAULTS = {
  CacheTtlInSeconds: 300,
  CacheDataEncrypted: false,
  CachingEnabled: false,
  MetricsEnabled: false,
  DataTraceEnabled: false,
  ThrottlingBurstLimit: 5000,
  ThrottlingRateLimit: 10000,
};

/** The account throttle an unthrottled method reports in Milan, Cape Town, Jakarta, ... (fact 30). */
export const REGIONAL_THROTTLE = { ThrottlingBurstLimit: 1250, ThrottlingRateLimit: 2500 };

/** A raised account quota, which cdk-real-drift warns no longer matches the default (fact 30). */
export const RAISED_THROTTLE = { ThrottlingBurstLimit: 20000, ThrottlingRateLimit: 40000 };

/**
 * What a per-method entry created after `*\/*` turned caching on with a TTL starts from (fact 21):
 * these values, kept when `*\/*` changes later.
 */
export const INHERITED_FROM_STAGE_WIDE = { CachingEnabled: true, CacheTtlInSeconds: 60 };

/** What API Gateway fills into a canary nobody gave these (fact 25). */
export const LIVE_CANARY_DEFAULTS = { PercentTraffic: 0, UseStageCache: false };

/** The size a cache enabled without one reads back with (fact 31). */
export const UNSIZED_CACHE = '0.5';

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
