import { config } from "zod/v4/core";

// Runs before the app's client code. The Content-Security-Policy has no 'unsafe-eval', so zod's JIT would only
// probe `new Function` (caught, but reported as a CSP violation); it is turned off before any schema is made.
config({ jitless: true });
