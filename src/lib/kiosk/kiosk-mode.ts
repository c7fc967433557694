// What a paired kiosk turns on as it opens: the lock-down (fullscreen, no way out) and the
// screen wake lock. One module, so one request, after the first paint and outside the route's
// own chunk (DESIGN §9: the first load).
export { lockDownKiosk } from './lock-down';
export { keepScreenAwake } from './wake-lock';
