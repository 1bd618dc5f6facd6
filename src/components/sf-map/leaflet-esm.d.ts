// Leaflet's package.json names only its UMD build, which the test runner cannot import as a
// module; its ES module build has the same exports, typed by @types/leaflet.
declare module 'leaflet/dist/leaflet-src.esm.js' {
  export * from 'leaflet';
}
