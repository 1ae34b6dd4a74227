// Browser tests of the built page (dist/) in headless Debian chromium, one browser for
// the whole suite (each case module adds its tests to it). Needs dist/ from
// scripts/build.sh and /usr/bin/chromium.
import { setUpSuite } from './lib/harness.mjs';
import examples from './cases/examples.mjs';
import share, { registerOptions } from './cases/share.mjs';
import errors from './cases/errors.mjs';
import robustness from './cases/robustness.mjs';
import security from './cases/security.mjs';
import embed from './cases/embed.mjs';
import keyboard from './cases/keyboard.mjs';
import answer from './cases/answer.mjs';
import steps from './cases/steps.mjs';

const suite = setUpSuite();
for (const register of [examples, share, registerOptions, errors, robustness, security, embed, keyboard, answer, steps]) register(suite);
