// Loaded before the app's modules: zod compiles object parsers with `new Function` when it finds
// eval allowed, and the page's Content-Security-Policy forbids eval (even zod's probe for it is
// reported as a violation). zod reads its settings from this global when it loads.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
