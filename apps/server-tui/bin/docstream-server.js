#!/usr/bin/env node
// Committed launcher: it exists when npm links the bin, before the build makes dist/.
import '../dist/bundle/main.js';
