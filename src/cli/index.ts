import { main } from './stage-sync.ts';

process.exitCode = await main(process.argv.slice(2));
