/** Served by the web-test-runner config: the base URL of the project's fixture server. */
declare module '/__fixtures.js' {
  export const FIXTURES: string;
}
