#!/usr/bin/env node
"use strict";

// Built by `npx tsc -b emulator`; the CLI starts as soon as it is loaded.
require("../dist/cli.js");
