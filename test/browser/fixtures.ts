/**
 * The fixture server's base URL, served by the test runner as `/__fixtures.js`.
 * Imported through a variable: TypeScript cannot match an absolute module path
 * to the ambient declaration in fixtures.d.ts, so a static import fails `tsc`.
 */
const path = '/__fixtures.js';
export const { FIXTURES } = (await import(/* @vite-ignore */ path)) as { FIXTURES: string };
