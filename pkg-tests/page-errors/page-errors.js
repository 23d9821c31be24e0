// Every uncaught error of a test page, for the test to read in any engine
// (WebDriver classic has no event for them). A classic script: it runs
// before the page's modules.
window.pageErrors = [];
addEventListener("error", (e) => window.pageErrors.push(String(e.error ?? e.message)));
addEventListener("unhandledrejection", (e) => window.pageErrors.push(String(e.reason)));
