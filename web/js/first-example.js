// What a first visit (no link) shows: an example, offered as the link it is. Shared by
// the page (app.js) and scripts/prerender.mjs, which has the engine derive it at build
// time so a first visit sees it before the engine has loaded.
export const FIRST_EXAMPLE = Object.freeze({ expr: "x'*W*W'*x", decl: '' });
