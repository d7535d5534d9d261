
// Chorus: appended to govuk-frontend's own Exit this page module at build time (see
// package.json), so the page loads one script from its own origin. It adds the keyboard
// shortcut (Shift three times) and covers the page the moment the button is used. Without
// it the button is still a plain link to the neutral site.
document.body.classList.add("govuk-frontend-supported");
for (const $root of document.querySelectorAll('[data-module="govuk-exit-this-page"]')) {
  new ExitThisPage($root);
}
