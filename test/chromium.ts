/**
 * Flags every test and bench starts the system Chromium with: these machines run as root on a closed
 * network, where Chromium without them refuses to start or stalls on refused connections.
 */
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
