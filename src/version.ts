/** stage-sync's version, shown in comments and records. Kept equal to package.json by a test. */
export const VERSION = '1.0.0';
