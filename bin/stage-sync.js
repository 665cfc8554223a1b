#!/usr/bin/env node
// The local command: the bundled CLI, so it runs from an installed package without a build step.
import '../dist/cli/index.js';
