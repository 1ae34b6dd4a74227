// Browser tests of the built page (dist/) in headless Debian chromium, one browser for
// the whole suite (each case module adds its tests to it). Needs dist/ from
// scripts/build.sh and /usr/bin/chromium.
import { setUpSuite } from './lib/harness.mjs';
import examples from './cases/examples.mjs';
import share, { registerLatexDocument, registerOptions } from './cases/share.mjs';
import errors from './cases/errors.mjs';
import robustness, { registerRecovery } from './cases/robustness.mjs';
import security from './cases/security.mjs';
import embed, { registerHeights } from './cases/embed.mjs';
import keyboard from './cases/keyboard.mjs';
import answer, { registerBackprop } from './cases/answer.mjs';
import steps from './cases/steps.mjs';
import firstVisit, { registerFirstAnswer } from './cases/first-visit.mjs';
import phone from './cases/phone.mjs';
import details from './cases/details.mjs';
import offline from './cases/offline.mjs';
import questions from './cases/questions.mjs';
import exportPanel from './cases/export.mjs';
import typing from './cases/typing.mjs';
import indexRoute from './cases/index-route.mjs';
import entriesQuestion from './cases/entries-question.mjs';
import structures from './cases/structures.mjs';
import frontDoor from './cases/front-door.mjs';
import lazy, { registerDeferredEngine } from './cases/lazy.mjs';

const suite = setUpSuite();
for (const register of [examples, share, registerLatexDocument, registerOptions, errors, robustness, registerRecovery, security, embed,
  registerHeights, keyboard, answer, registerBackprop, steps, firstVisit, registerFirstAnswer, phone, details, offline, questions,
  exportPanel, typing, indexRoute, entriesQuestion, structures, frontDoor, lazy, registerDeferredEngine]) {
  register(suite);
}
