/**
 * API Gateway's account-level throttle quota per region, which is what a method setting without
 * its own throttle reports (fact 30 of docs/reference/aws-recorded-behaviour.md). Source: the API
 * Gateway quotas page, https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html:
 * "Throttle quota per account, per Region ... 10,000 requests per second (RPS) ... maximum bucket
 * capacity of 5,000 requests", and "For the following Regions, the default throttle quota is 2500
 * RPS and the default burst quota is 1250 RPS: Africa (Cape Town), Europe (Milan), Asia Pacific
 * (Jakarta), Middle East (UAE), Asia Pacific (Hyderabad), Asia Pacific (Melbourne), Europe (Spain),
 * Europe (Zurich), Israel (Tel Aviv), Canada West (Calgary), Asia Pacific (Malaysia), Asia Pacific
 * (Thailand), and Mexico (Central)." The region codes are those regions' codes.
 */
import type { AccountThrottle } from '../knobs.ts';

/** The quota in most regions; the live method defaults 5000/10000 (facts 15, 20) match it. */
export const DEFAULT_ACCOUNT_THROTTLE: AccountThrottle = { rateLimit: 10000, burstLimit: 5000 };

/** The quota in the thirteen regions the quotas page lists. */
export const REDUCED_ACCOUNT_THROTTLE: AccountThrottle = { rateLimit: 2500, burstLimit: 1250 };

/** The thirteen regions, in the quotas page's order. */
export const REDUCED_THROTTLE_REGIONS: readonly string[] = [
  'af-south-1', // Africa (Cape Town)
  'eu-south-1', // Europe (Milan)
  'ap-southeast-3', // Asia Pacific (Jakarta)
  'me-central-1', // Middle East (UAE)
  'ap-south-2', // Asia Pacific (Hyderabad)
  'ap-southeast-4', // Asia Pacific (Melbourne)
  'eu-south-2', // Europe (Spain)
  'eu-central-2', // Europe (Zurich)
  'il-central-1', // Israel (Tel Aviv)
  'ca-west-1', // Canada West (Calgary)
  'ap-southeast-5', // Asia Pacific (Malaysia)
  'ap-southeast-7', // Asia Pacific (Thailand)
  'mx-central-1', // Mexico (Central)
];

/**
 * The account quota that unset method throttles report: a raised quota when the account has one,
 * else the region's default (the default region's when the regional rule is switched off).
 */
export function accountThrottle(
  region: string,
  options: { readonly raised?: AccountThrottle; readonly regional: boolean },
): AccountThrottle {
  if (options.raised) return options.raised;
  return options.regional && REDUCED_THROTTLE_REGIONS.includes(region)
    ? REDUCED_ACCOUNT_THROTTLE
    : DEFAULT_ACCOUNT_THROTTLE;
}
