// The kiosk is a client-side app: prerendered as a shell the service worker can cache, so a
// tablet that boots with no network still opens it.
export const ssr = false;
export const prerender = true;
