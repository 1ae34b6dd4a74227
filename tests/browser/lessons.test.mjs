// Browser tests of the lessons (lessons.html) and the rule reference (rules.html), in
// headless Debian chromium, one browser for the file. Needs dist/ from
// scripts/build.sh and /usr/bin/chromium.
import { setUpSuite } from './lib/harness.mjs';
import lessons from './cases/lessons.mjs';
import rules from './cases/rules.mjs';
import lessonsIndex from './cases/lessons-index.mjs';

const suite = setUpSuite();
for (const register of [lessons, lessonsIndex, rules]) register(suite);
