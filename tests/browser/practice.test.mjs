// Browser tests of issue 20's pages (dist/ in headless Debian chromium, one browser):
// practice.html (cases/practice.mjs) and the course pages' custom element
// (cases/course-element.mjs).
import { setUpSuite } from './lib/harness.mjs';
import practice from './cases/practice.mjs';
import courseElement from './cases/course-element.mjs';

const suite = setUpSuite();
for (const register of [practice, courseElement]) register(suite);
