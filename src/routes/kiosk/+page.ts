// The kiosk is a client-side app, prerendered as a shell the service worker can cache, so a
// tablet that boots with no network still opens it. The shell is rendered on the server at
// build time (ssr) so it already holds the first screen's HTML ("Loading…", the kiosk's colours)
// and paints before the 26 scripts have run; the app then hydrates it. Nothing device-specific
// can be in it: the device's state (enrolled or not, site, language) lives in the browser and is
// read by kiosk.start() in onMount, which never runs on the server.
export const ssr = true;
export const prerender = true;
