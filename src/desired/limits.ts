/**
 * How much input stage-sync reads and how much it reports, named once. Each bound keeps a hostile
 * or broken spec from exhausting the runner or flooding the log; none is near what a real spec
 * needs (the largest example in `examples/` is a few KiB).
 */

/** A spec file larger than this is reported and not read (a link to `/dev/zero` is infinite). */
export const MAX_SPEC_FILE_BYTES = 1024 * 1024;

/**
 * The declared stages of one run, their `defaults:` merged in, as JSON characters. Defaults are
 * copied into every stage of their file, so a 1 MiB file of a large default and a thousand
 * stages came to 900 million characters, and the plan's hash could not be computed. A fleet of
 * 2,000 stages of 2 KiB each needs 4 MiB.
 */
export const MAX_DECLARED_CHARS = 32 * 1024 * 1024;

/**
 * How many values YAML aliases (`*name`) may add to one file when expanded. An alias bomb (a
 * chain of anchors, each aliasing the previous one several times) stays small on disk but doubles
 * or decuples per level; validating its expansion took over 3 GiB for a 137 KiB file.
 */
export const MAX_ALIAS_EXPANSION = 10_000;

/**
 * Problems reported per file and per run; the rest are counted in one closing problem per file
 * and one per run. A 27 KiB spec once printed 89,701 annotations and two million unknown keys
 * crashed the log write: past a screenful per file, more lines help no one fix the file.
 */
export const MAX_PROBLEMS_PER_FILE = 20;
export const MAX_PROBLEMS_PER_RUN = 100;

/** A problem message longer than this is cut (a 1 MiB key would otherwise be quoted whole). */
export const MAX_PROBLEM_MESSAGE_CHARS = 500;
